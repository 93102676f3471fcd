using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Shouldly;

namespace Orchestration.Nomination.Tests;

static class Problems
{
    /// <summary>
    /// Asserts a 400 problem that names <paramref name="field"/> and, under <c>rules</c>, <paramref name="rule"/>, with the rule's Chinese
    /// name under <c>ruleNames</c> and in the title.
    /// </summary>
    public static async Task ShouldNameFieldAndRule(this HttpResponseMessage response, string field, string rule)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        var problem = JsonSerializer.Deserialize<JsonElement>(body);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body);
        problem.TryGetProperty("rules", out var rules).ShouldBeTrue(body);
        rules.TryGetProperty(field, out var named).ShouldBeTrue(body);
        named.GetString().ShouldBe(rule, body);
        var name = Orchestration.ServiceDefaults.Http.RuleNames.Chinese(rule).ShouldNotBeNull($"{rule} has no name");
        problem.GetProperty("ruleNames").GetProperty(rule).GetString().ShouldBe(name, body);
        (problem.GetProperty("title").GetString() ?? "").ShouldContain($"{rule}（{name}）", Case.Sensitive, body);
    }

    public static async Task<T> ShouldBeCreated<T>(this HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };
}
