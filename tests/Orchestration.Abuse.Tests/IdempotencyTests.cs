extern alias disposition;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Abuse.Tests;

/// <summary>
/// Duplicate submissions (review 4.4): a creating request sent again with its <c>Idempotency-Key</c> gets the first answer and stores
/// nothing more; the key with another body is refused; a duplicated Deficient audit result opens one disposition case.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class IdempotencyTests(AbuseSystem system)
{
    static HttpRequestMessage Keyed(string path, string body, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = Answers.Json(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    public static TheoryData<string, string, string> Creating() => new()
    {
        { "nomination", "/api/nomination/committee-terms", """{"name":"第十五届县委","leadershipPosts":9,"startsOn":"2026-01-01"}""" },
        { "vetting", "/api/vetting/integrity-exams", $$"""{"cadreId":"{{Guid.NewGuid()}}","score":92,"takenOn":"2026-03-02"}""" },
        { "vetting", "/api/vetting/reports", $$"""{"cadreId":"{{Guid.NewGuid()}}","summary":"举报材料"}""" },
        { "audit", "/api/audit/units", """{"name":"财政局","annualBudget":1000000}""" },
        { "village-pay", "/api/village-pay/villages", """{"name":"红旗村","township":"城关镇","population":800}""" },
    };

    [Theory]
    [MemberData(nameof(Creating))]
    public async Task The_same_request_twice_with_a_key_stores_one_record_and_answers_the_same(string service, string path, string body)
    {
        var tenant = AbuseSystem.NewTenant("idem");
        var client = system.Client(service, tenant);
        var key = Guid.NewGuid().ToString();

        var first = await client.SendAsync(Keyed(path, body, key));
        var firstBody = await first.Content.ReadAsStringAsync();
        first.IsSuccessStatusCode.ShouldBeTrue(firstBody);
        var stored = await system.StoredRows(service, tenant);

        var second = await client.SendAsync(Keyed(path, body, key));
        second.StatusCode.ShouldBe(first.StatusCode);
        (await second.Content.ReadAsStringAsync()).ShouldBe(firstBody);
        second.Headers.Location.ShouldBe(first.Headers.Location);
        second.Headers.GetValues("Idempotent-Replayed").ShouldHaveSingleItem().ShouldBe("true");
        (await system.StoredRows(service, tenant)).ShouldBe(stored);

        var other = await client.SendAsync(Keyed(path, body.Replace("}", ",\"unused\":1}", StringComparison.Ordinal), key));
        await other.ShouldBeProblem(HttpStatusCode.UnprocessableEntity);
        (await system.StoredRows(service, tenant)).ShouldBe(stored);
    }

    [Fact]
    public async Task The_same_key_in_another_county_is_another_request()
    {
        var key = Guid.NewGuid().ToString();
        const string body = """{"name":"第十五届县委","leadershipPosts":9,"startsOn":"2026-01-01"}""";
        var a = await system.Client("nomination", AbuseSystem.NewTenant("idem-a")).SendAsync(Keyed("/api/nomination/committee-terms", body, key));
        var b = await system.Client("nomination", AbuseSystem.NewTenant("idem-b")).SendAsync(Keyed("/api/nomination/committee-terms", body, key));

        a.StatusCode.ShouldBe(HttpStatusCode.Created);
        b.StatusCode.ShouldBe(HttpStatusCode.Created);
        b.Headers.Contains("Idempotent-Replayed").ShouldBeFalse();
        b.Headers.Location.ShouldNotBe(a.Headers.Location);
    }

    [Fact]
    public async Task Concurrent_repeats_of_one_keyed_request_store_one_record()
    {
        var tenant = AbuseSystem.NewTenant("idem-race");
        var client = system.Client("nomination", tenant);
        var key = Guid.NewGuid().ToString();
        const string body = """{"name":"第十五届县委","leadershipPosts":9,"startsOn":"2026-01-01"}""";

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.SendAsync(Keyed("/api/nomination/committee-terms", body, key))));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Created || a.StatusCode == HttpStatusCode.Conflict);
        var terms = JsonNode.Parse(await (await client.GetAsync("/api/nomination/committee-terms")).Content.ReadAsStringAsync())!.AsArray();
        terms.Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_deficient_audit_result_sent_twice_with_its_key_opens_one_disposition_case()
    {
        var tenant = AbuseSystem.NewTenant("idem-audit");
        var audit = system.Client("audit", tenant);
        var unit = await audit.PostJson("/api/audit/units", """{"name":"交通局","annualBudget":5000000}""");
        unit.StatusCode.ShouldBe(HttpStatusCode.OK, await unit.Content.ReadAsStringAsync());
        var unitId = JsonNode.Parse(await unit.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        var cadre = Guid.NewGuid();
        var body = $$"""{"unitId":"{{unitId}}","cadreId":"{{cadre}}","year":2026,"rating":"Deficient","findings":["专项资金挪用"]}""";
        var key = Guid.NewGuid().ToString();

        var first = await audit.SendAsync(Keyed("/api/audit/results", body, key));
        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        (await audit.SendAsync(Keyed("/api/audit/results", body, key))).StatusCode.ShouldBe(HttpStatusCode.Created);

        async Task<int> Cases()
        {
            await using var scope = system.Disposition.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<disposition::Orchestration.Disposition.Data.DispositionDbContext>();
            return await db.Cases.CountAsync(c => c.TenantId == tenant && c.CadreId == cadre);
        }

        await Eventually.True(async () => await Cases() == 1, "the audit's case to open", TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromSeconds(2)); // a second case would follow the first within the outbox's poll interval
        (await Cases()).ShouldBe(1);
    }
}
