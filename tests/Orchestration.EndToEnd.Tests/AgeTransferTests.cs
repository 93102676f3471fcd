using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.EndToEnd.Tests;

/// <summary>
/// The age-based non-leadership transfer (workflows/age-transfer.json): a cadre's file opened in vetting (C3) starts it; it waits for
/// the birthday on which the cadre reaches the transfer age (D5: men 52, women 50) and then opens a disposition case from the source age.
/// </summary>
public sealed class AgeTransferTests(ProcedureSystem system) : IClassFixture<ProcedureSystem>
{
    const string Definition = "age-transfer";

    HttpClient Vetting => system.Vetting.CreateClientFor(ProcedureSystem.Tenant, Roles.OrganizationDepartment);

    HttpClient Disposition => system.Disposition.CreateClientFor(ProcedureSystem.Tenant, Roles.OrganizationDepartment);

    async Task OpenFile(Guid cadre, string name, string sex, DateOnly birthDate)
    {
        var response = await Vetting.PostAsJsonAsync("/api/vetting/cadre-files", new
        {
            cadreId = cadre, name, sex, birthDate, partyJoinedOn = birthDate.AddYears(22), workStartedOn = birthDate.AddYears(21), education = "大学本科",
            careerHistory = new[] { $"{birthDate.Year + 21}.07- 某县直单位" },
        });
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    async Task<List<JsonObject>> Cases(Guid cadre) =>
        (await Disposition.GetFromJsonAsync<JsonArray>($"/api/disposition/cases?cadreId={cadre}"))!.Select(c => c!.AsObject()).ToList();

    static DateTimeOffset DueAt(JsonObject instance, string activityId) =>
        instance["bookmarks"]!.AsArray().Single(b => b!["activityId"]!.GetValue<string>() == activityId)!["dueAt"]!.GetValue<DateTimeOffset>();


    [Fact]
    public async Task D5_a_man_reaching_52_gets_a_transfer_case_on_his_birthday_not_the_day_before_while_a_woman_gets_hers_at_50()
    {
        // The clock starts on 2 March 2026: he turns 52 on 20 March, she turns 50 on 19 March.
        var man = Guid.NewGuid();
        var woman = Guid.NewGuid();
        await OpenFile(man, "赵某", "Male", new DateOnly(1974, 3, 20));
        await OpenFile(woman, "钱某", "Female", new DateOnly(1976, 3, 19));
        var his = await system.StartedAsync(Definition, man);
        var hers = await system.StartedAsync(Definition, woman);

        await system.WaitsAtAsync(his, "untilBirthday");
        await system.WaitsAtAsync(hers, "untilBirthday");
        DueAt(await system.InstanceAsync(his), "untilBirthday").ShouldBe(new DateTimeOffset(2026, 3, 20, 0, 0, 0, ProcedureSystem.Beijing));
        DueAt(await system.InstanceAsync(hers), "untilBirthday").ShouldBe(new DateTimeOffset(2026, 3, 19, 0, 0, 0, ProcedureSystem.Beijing));

        // The last second of 19 March: her birthday has come (the timers were polled), his has not.
        system.AdvanceTo(new DateTimeOffset(2026, 3, 19, 23, 59, 59, ProcedureSystem.Beijing));
        await system.FinishedAsync(hers);
        var herCase = (await Cases(woman)).ShouldHaveSingleItem();
        herCase["source"]!.GetValue<string>().ShouldBe("age");
        herCase["grounds"]!.GetValue<string>().ShouldContain("reached 50 on 2026-03-19");
        (await Cases(man)).ShouldBeEmpty();
        await system.WaitsAtAsync(his, "untilBirthday");

        // Midnight: his 52nd birthday.
        system.AdvanceTo(new DateTimeOffset(2026, 3, 20, 0, 0, 0, ProcedureSystem.Beijing));
        var instance = await system.FinishedAsync(his);

        ProcedureSystem.CompletedSteps(instance).ShouldBe(["fileOpened", "computeDate", "keepDate", "untilBirthday", "openCase", "caseOpened"]);
        var hisCase = (await Cases(man)).ShouldHaveSingleItem();
        hisCase["source"]!.GetValue<string>().ShouldBe("age");
        hisCase["proposedMeasure"]!.GetValue<string>().ShouldBe("NonLeadershipPost");
        hisCase["step"]!.GetValue<string>().ShouldBe("Initiation");
        hisCase["grounds"]!.GetValue<string>().ShouldContain("reached 52 on 2026-03-20");
        hisCase["openedAt"]!.GetValue<DateTimeOffset>().ShouldBe(new DateTimeOffset(2026, 3, 20, 0, 0, 0, ProcedureSystem.Beijing));

        foreach (var procedure in new[] { his, hers })
        {
            await system.JournalIntactAsync(procedure);
            var run = await system.InstanceAsync(procedure);
            ProcedureSystem.StartedBy(run).ShouldBe("user-of-county-e2e", "the clerk who opened the cadre file");
            ProcedureSystem.Resumptions(run)
                .ShouldBe([("computeDate", "user-of-county-e2e"), ("untilBirthday", "timer"), ("openCase", "timer")]); // the case the timer caused
        }
    }
}
