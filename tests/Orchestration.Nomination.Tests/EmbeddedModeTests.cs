using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Orchestration.Contracts.Nomination;
using Orchestration.Nomination.Motions;
using Orchestration.Nomination.Nominations;
using Orchestration.Nomination.Recommendations;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Nomination.Tests;

/// <summary>The embedded default keeps the nomination data in SQLite: the same queries must work there (dates, sums, enums, channels).</summary>
public sealed class EmbeddedModeTests : IDisposable
{
    readonly string dataDirectory = Path.Combine(Path.GetTempPath(), $"nomination-embedded-{Guid.NewGuid():N}");
    readonly WebApplicationFactory<Program> host;

    public EmbeddedModeTests() =>
        host = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment("Development");
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:DataDirectory", dataDirectory);
            builder.UseSetting("Messaging:Transport", "InMemory");
        });

    [Fact]
    public async Task Motions_nominations_and_weighted_rounds_work_on_SQLite()
    {
        var client = host.CreateClient().As("county-embedded", Roles.OrganizationDepartment);
        var term = await (await client.PostAsJsonAsync("/api/nomination/committee-terms", new RegisterTermRequest("第十五届", 10, new DateOnly(2026, 1, 1))))
            .ShouldBeCreated<CommitteeTermResponse>();
        (await client.PostAsJsonAsync("/api/nomination/establishments", new RecordEstablishmentRequest("县财政局", 4, 3, new DateOnly(2026, 1, 1), "编办〔2026〕1号")))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var motion = await (await client.PostAsJsonAsync("/api/nomination/motions",
            new RaiseMotionRequest(term.Id, MotionGround.PostVacancy, AdjustmentKind.Partial, "配齐班子", "德才兼备", 5, 1, Posts: [new MotionPost("县财政局", "副局长")])))
            .ShouldBeCreated<MotionResponse>();
        await (await client.PostAsJsonAsync("/api/nomination/motions",
            new RaiseMotionRequest(term.Id, MotionGround.PostVacancy, AdjustmentKind.Partial, "配齐班子", "德才兼备", 1, 0, Posts: [new MotionPost("县财政局", "副局长")])))
            .ShouldNameFieldAndRule("posts[0].unit", "N9"); // N9 on SQLite: the unit's one vacancy is claimed
        (await client.PostAsJsonAsync($"/api/nomination/motions/{motion.Id}/approval", new ApproveMotionRequest())).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync("/api/nomination/motions",
            new RaiseMotionRequest(term.Id, MotionGround.LeadershipTeamProblem, AdjustmentKind.Partial, "配齐班子", "德才兼备", 1, 0))).ShouldNameFieldAndRule("cadresAdjusted", "N2");

        var cadreId = Guid.NewGuid();
        (await client.PostAsJsonAsync("/api/nomination/nomination-failures", new RecordFailureRequest(cadreId, NominationFailureStage.Inspection)))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/nomination/nominations",
            new NominateRequest(cadreId, NominatorKind.PartyOrganization, OutsidePoolReason: "换届"))).ShouldNameFieldAndRule("cadreId", "N6");

        var round = await (await client.PostAsJsonAsync("/api/nomination/recommendation-rounds",
            new CountRecommendationRequest(Guid.NewGuid(), 60, 100, Channels: [new(RecommendationChannel.Organization, 1, 1)]))).ShouldBeCreated<RecommendationRoundResponse>();
        round.WeightedScore.ShouldBe(0.76m); // (0.30×0.6 + 0.20×1) / 0.50
    }

    public void Dispose()
    {
        host.Dispose();
        if (Directory.Exists(dataDirectory)) Directory.Delete(dataDirectory, recursive: true);
    }
}
