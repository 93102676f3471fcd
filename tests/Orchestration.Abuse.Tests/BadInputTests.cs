using System.Net;
using System.Text.Json.Nodes;
using Shouldly;
using Xunit;

namespace Orchestration.Abuse.Tests;

/// <summary>
/// The inputs of the security review's "bad input" section (4.1 and 4.2): null elements, a missing voter list, dates at the ends of
/// the calendar, NUL and control characters, undefined enum values, megabyte strings and impossible payroll years. Each is answered
/// 400 (or 413) naming the field, and the tenant has no row anywhere afterwards.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class BadInputTests(AbuseSystem system)
{
    static readonly string Cadre = Guid.NewGuid().ToString();

    static string OpenFile(string name = "王𠀀明", string birthDate = "1980-05-01", string partyJoinedOn = "2005-07-01", string workStartedOn = "2002-09-01",
        string sex = "\"Male\"", string education = "大学", string careerHistory = "[\"2002-2010 乡镇干部\"]") =>
        $$"""{"cadreId":"{{Guid.NewGuid()}}","name":"{{name}}","sex":{{sex}},"birthDate":"{{birthDate}}","partyJoinedOn":"{{partyJoinedOn}}","workStartedOn":"{{workStartedOn}}","education":"{{education}}","careerHistory":{{careerHistory}}}""";

    public static TheoryData<string, string, string, string> Cases() => new()
    {
        // 4.1: the 500s
        { "vetting", "/api/vetting/decision-meetings", "{}", "voters" },
        { "vetting", "/api/vetting/decision-meetings", $$"""{"cadreId":"{{Cadre}}","membersTotal":9,"membersPresent":7,"votesFor":6,"votesAgainst":1,"body":"StandingCommittee"}""", "voters" },
        { "vetting", "/api/vetting/disclosures", $$"""{"cadreId":"{{Cadre}}","rank":"Deputy","items":[null],"selfEvaluation":"x"}""", "items[0]" },
        { "vetting", "/api/vetting/deliberations", $$"""{"cadreId":"{{Cadre}}","opinions":[null]}""", "opinions[0]" },
        { "nomination", "/api/nomination/recommendation-rounds", $$"""{"cadreId":"{{Cadre}}","meetingVotesFor":10,"meetingBallotsCast":12,"channels":[null]}""", "channels[0]" },
        { "vetting", "/api/vetting/cadre-files", OpenFile(careerHistory: "[null]"), "careerHistory[0]" },
        { "vetting", $"/api/vetting/cadre-files/{Cadre}/verifications", """{"birthDate":"1980-05-01","workStartedOn":"2002-09-01","education":"大学","careerHistory":[null]}""", "careerHistory[0]" },
        { "village-pay", "/api/village-pay/evaluations", """{"township":"城关镇","year":2026,"quarter":1,"scores":[null]}""", "scores[0]" },
        { "vetting", "/api/vetting/disclosures", $$"""{"cadreId":"{{Cadre}}","rank":"Deputy","items":[],"postingOpensOn":"9999-12-31"}""", "postingOpensOn" },
        { "disposition", "/api/disposition/non-leadership-transfers/assessments", $$"""{"cadreId":"{{Cadre}}","birthDate":"1970-01-01","sex":"Male","unableToWorkSince":"9999-12-31"}""", "unableToWorkSince" },
        // 4.2: NUL and control characters
        { "nomination", "/api/nomination/committee-terms", """{"name":"a\u0000b","leadershipPosts":9,"startsOn":"2026-01-01"}""", "name" },
        { "vetting", "/api/vetting/cadre-files", OpenFile(name: "a\\u0000b"), "name" },
        { "vetting", "/api/vetting/cadre-files", OpenFile(education: "a\\u0007b"), "education" },
        { "vetting", "/api/vetting/cadre-files", OpenFile(name: "\\u202Egnp.exe"), "name" },
        { "audit", "/api/audit/units", """{"name":"a\u0000b","annualBudget":100}""", "name" },
        { "village-pay", "/api/village-pay/villages", """{"name":"a\u0000b","township":"城关镇","population":100}""", "name" },
        { "village-pay", "/api/village-pay/retirement-subsidies", """{"name":"a\u0000b","village":"红旗村","township":"城关镇","servedFrom":"1990-01-01","leftOn":"2020-01-01"}""", "name" },
        { "disposition", "/api/disposition/cases", $$"""{"cadreId":"{{Cadre}}","source":"audit","grounds":"a\u0000b"}""", "grounds" },
        // 4.2: implausible dates
        { "nomination", "/api/nomination/committee-terms", """{"name":"第十五届","leadershipPosts":9,"startsOn":"0001-01-01"}""", "startsOn" },
        { "nomination", "/api/nomination/committee-terms", """{"name":"第十五届","leadershipPosts":9,"startsOn":"9999-12-31"}""", "startsOn" },
        { "vetting", "/api/vetting/cadre-files", OpenFile(birthDate: "0001-01-01"), "birthDate" },
        { "vetting", "/api/vetting/cadre-files", OpenFile(partyJoinedOn: "9999-12-31"), "partyJoinedOn" },
        { "vetting", "/api/vetting/cadre-files", OpenFile(workStartedOn: "9999-12-31"), "workStartedOn" },
        { "vetting", "/api/vetting/integrity-exams", $$"""{"cadreId":"{{Cadre}}","score":90,"takenOn":"9999-12-31"}""", "takenOn" },
        { "audit", "/api/audit/units", """{"name":"财政局","annualBudget":100,"leaderTenureStart":"0001-01-01"}""", "leaderTenureStart" },
        { "village-pay", "/api/village-pay/retirement-subsidies", """{"name":"张三","village":"红旗村","township":"城关镇","servedFrom":"0001-01-01","leftOn":"2020-01-01"}""", "servedFrom" },
        // 4.2: undefined enum values
        { "vetting", "/api/vetting/cadre-files", OpenFile(sex: "99"), "sex" },
        { "audit", "/api/audit/results", $$"""{"unitId":"{{Guid.NewGuid()}}","cadreId":"{{Cadre}}","year":2026,"rating":99}""", "rating" },
        { "disposition", "/api/disposition/cases", $$"""{"cadreId":"{{Cadre}}","source":"audit","grounds":"x","proposedMeasure":99}""", "proposedMeasure" },
        // 4.2: text longer than its column (the body itself is under the limit)
        { "vetting", $"/api/vetting/cadre-files/{Cadre}/verifications", $$"""{"birthDate":"1980-05-01","workStartedOn":"2002-09-01","education":"{{new string('e', 9000)}}","careerHistory":["x"]}""", "education" },
        { "vetting", "/api/vetting/disclosures", $$"""{"cadreId":"{{Cadre}}","rank":"Deputy","items":[],"selfEvaluation":"{{new string('s', 9000)}}"}""", "selfEvaluation" },
        // wrong types name the JSON path
        { "nomination", "/api/nomination/committee-terms", """{"name":"第十五届","leadershipPosts":"nine","startsOn":"2026-01-01"}""", "leadershipPosts" },
        { "vetting", "/api/vetting/cadre-files", OpenFile(careerHistory: "{\"a\":1}"), "careerHistory" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Is_refused_naming_the_field_and_nothing_is_stored(string service, string path, string body, string field)
    {
        var tenant = AbuseSystem.NewTenant("input");
        var response = await system.Client(service, tenant).PostJson(path, body);

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, field);
        (await system.StoredRows(service, tenant)).ShouldBe(0);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("21")]
    [InlineData("99999")]
    [InlineData("2147483647")]
    public async Task A_payroll_for_an_impossible_year_is_refused_and_does_not_lock_the_year(string year)
    {
        var tenant = AbuseSystem.NewTenant("payroll");
        var response = await system.Client("village-pay", tenant).PostAsync($"/api/village-pay/payroll/{year}", null);

        await response.ShouldBeProblem(HttpStatusCode.BadRequest, "year");
        (await system.StoredRows("village-pay", tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task A_year_that_is_not_a_number_names_the_route_value()
    {
        var response = await system.Client("village-pay", AbuseSystem.NewTenant("payroll")).PostAsync("/api/village-pay/payroll/abc", null);
        ((int)response.StatusCode).ShouldBeLessThan(500);
    }

    [Theory]
    [InlineData("{\"name\":\"x\",")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("")]
    public async Task Unreadable_bodies_are_400_problems(string body)
    {
        var tenant = AbuseSystem.NewTenant("body");
        var response = await system.Client("nomination", tenant).PostJson("/api/nomination/committee-terms", body);

        var problem = await response.ShouldBeProblem(HttpStatusCode.BadRequest);
        problem["errors"].ShouldBeOfType<JsonObject>();
        (await system.StoredRows("nomination", tenant)).ShouldBe(0);
    }

    [Fact]
    public async Task A_unit_id_of_another_county_is_a_conflict_not_a_500()
    {
        var unitId = Guid.NewGuid();
        var first = await system.Client("audit", AbuseSystem.NewTenant("units-a")).PostJson("/api/audit/units", $$"""{"name":"财政局","annualBudget":100,"unitId":"{{unitId}}"}""");
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());

        var other = AbuseSystem.NewTenant("units-b");
        var second = await system.Client("audit", other).PostJson("/api/audit/units", $$"""{"name":"教育局","annualBudget":100,"unitId":"{{unitId}}"}""");

        await second.ShouldBeProblem(HttpStatusCode.Conflict);
        (await system.StoredRows("audit", other)).ShouldBe(0);
    }

    [Fact]
    public async Task Adding_one_cadre_to_the_reserve_pool_concurrently_keeps_one_active_membership()
    {
        var tenant = AbuseSystem.NewTenant("pool");
        var client = system.Client("nomination", tenant);
        var body = $$"""{"cadreId":"{{Guid.NewGuid()}}"}""";
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.PostJson("/api/nomination/reserve-pool", body)));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Created || a.StatusCode == HttpStatusCode.Conflict);
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
    }

    [Fact]
    public async Task Opening_the_same_cadre_file_concurrently_answers_one_201_and_409s()
    {
        var tenant = AbuseSystem.NewTenant("race");
        var client = system.Client("vetting", tenant);
        var body = OpenFile();
        var answers = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => client.PostJson("/api/vetting/cadre-files", body)));

        answers.ShouldAllBe(a => a.StatusCode == HttpStatusCode.Created || a.StatusCode == HttpStatusCode.Conflict);
        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
    }
}
