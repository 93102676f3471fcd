using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Shouldly;
using Xunit;

namespace Orchestration.Abuse.Tests;

/// <summary>Bodies over the limit (256 KB for domain requests) are refused with 413 before anything reads them, declared or chunked.</summary>
[Collection(AbuseCollection.Name)]
public sealed class RequestLimitTests(AbuseSystem system)
{
    static string Oversized() => $$"""{"name":"{{new string('n', 300 * 1024)}}","leadershipPosts":9,"startsOn":"2026-01-01"}""";

    [Fact]
    public async Task A_body_over_256_KB_is_413_and_nothing_is_stored()
    {
        var tenant = AbuseSystem.NewTenant("limits");
        var response = await system.Client("nomination", tenant).PostJson("/api/nomination/committee-terms", Oversized());

        await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        (await system.StoredRows("nomination", tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_413_too()
    {
        var tenant = AbuseSystem.NewTenant("limits");
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(Oversized())));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/nomination/committee-terms") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await system.Client("nomination", tenant).SendAsync(request);

        await response.ShouldBeProblem(HttpStatusCode.RequestEntityTooLarge);
        (await system.StoredRows("nomination", tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task A_body_under_the_limit_is_read()
    {
        var response = await system.Client("nomination", AbuseSystem.NewTenant("limits"))
            .PostJson("/api/nomination/committee-terms", """{"name":"第十五届县委","leadershipPosts":9,"startsOn":"2026-01-01"}""");
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
