using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Orchestration.Audit.Departures;
using Orchestration.Audit.Findings;
using Orchestration.Contracts;
using Orchestration.Contracts.Audit;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Testing;
using Shouldly;
using Xunit;

namespace Orchestration.Audit.Tests;

[Collection(AuditCollection.Name)]
public sealed class LeaderPowersApiTests(AuditHostFixture audit)
{
    readonly AuditApi api = new(audit);

    static DateOnly Today => new CountyClock(TimeProvider.System).Today();

    Task<HttpResponseMessage> Act(Guid leader, Guid unitId, LeaderPower power) =>
        api.Client().PostAsJsonAsync("/api/audit/leader-acts", new LeaderActRequest(leader, unitId, power, $"{power} decision at the last meeting"));

    [Fact]
    public async Task A4_while_the_move_is_pending_the_leaders_personnel_matters_and_money_acts_are_refused_and_after_clearance_accepted()
    {
        // 「冻结职务变动领导干部的人权事权财权」 (seed 000)
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Water bureau", 6_000_000, leader: leader);
        (await Act(leader, unit.Id, LeaderPower.Money)).StatusCode.ShouldBe(HttpStatusCode.Created); // before the move
        var departure = await AuditApi.Read<DepartureView>(await api.Client().PostAsJsonAsync("/api/audit/departures",
            new RequestDepartureAuditRequest(leader, unit.Id)));

        foreach (var power in Enum.GetValues<LeaderPower>())
            (await AuditApi.RuleOf(await Act(leader, unit.Id, power), "cadreId")).ShouldBe("A4");
        (await Act(Guid.NewGuid(), unit.Id, LeaderPower.Personnel)).StatusCode.ShouldBe(HttpStatusCode.Created); // another leader is not frozen

        await api.Client().PostAsJsonAsync("/api/audit/results", new RecordAuditResultRequest(unit.Id, leader, api.Year, AuditRating.Satisfactory, null,
            departure.Id));
        (await AuditApi.RuleOf(await Act(leader, unit.Id, LeaderPower.Matters), "cadreId")).ShouldBe("A4"); // recorded, not yet cleared
        (await api.Client().PostAsync($"/api/audit/departures/{departure.Id}/clearance", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Act(leader, unit.Id, LeaderPower.Matters)).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await api.Db(db => db.LeaderActs.CountAsync(a => a.CadreId == leader))).ShouldBe(2);
    }

    [Fact]
    public async Task A4_a_leader_act_is_dated_today_or_before_and_never_after_today()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Culture bureau", 1_000_000, leader: leader);
        Task<HttpResponseMessage> ActOn(DateOnly on) =>
            api.Client().PostAsJsonAsync("/api/audit/leader-acts", new LeaderActRequest(leader, unit.Id, LeaderPower.Money, "grant approved", on));

        (await AuditApi.RuleOf(await ActOn(Today.AddDays(1)), "actedOn")).ShouldBe("A4");
        (await ActOn(Today)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await ActOn(Today.AddDays(-1))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A4_the_handover_is_overdue_the_day_after_its_deadline_until_it_is_recorded()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Forestry bureau", 2_000_000, leader: leader);
        var departure = await AuditApi.Read<DepartureView>(await api.Client().PostAsJsonAsync("/api/audit/departures",
            new RequestDepartureAuditRequest(leader, unit.Id)));
        departure.HandoverOverdue.ShouldBeFalse();

        await api.Db(db => db.DepartureAudits.Where(d => d.Id == departure.Id).ExecuteUpdateAsync(u => u.SetProperty(d => d.HandoverDeadline, Today)));
        (await api.Client().GetFromJsonAsync<DepartureView>($"/api/audit/departures/{departure.Id}"))!.HandoverOverdue.ShouldBeFalse(); // on the deadline
        await api.Db(db => db.DepartureAudits.Where(d => d.Id == departure.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.HandoverDeadline, Today.AddDays(-1))));
        (await api.Client().GetFromJsonAsync<DepartureView>($"/api/audit/departures/{departure.Id}"))!.HandoverOverdue.ShouldBeTrue();
        (await api.Client().GetFromJsonAsync<DepartureView[]>("/api/audit/departures/overdue-handovers"))!.Single().Id.ShouldBe(departure.Id);
        var operations = await audit.Host.CreateClient().GetStringAsync("/health/operations");
        operations.ShouldContain("handover-deadlines");
        operations.ShouldContain("past the handover deadline");

        (await AuditApi.RuleOf(await api.Client().PostAsJsonAsync($"/api/audit/departures/{departure.Id}/handover",
            new HandoverRequest(Today.AddDays(1), ["seal", "accounts"])), "handedOverOn")).ShouldBe("A4");
        var handedOver = await AuditApi.Read<DepartureView>(await api.Client().PostAsJsonAsync($"/api/audit/departures/{departure.Id}/handover",
            new HandoverRequest(Today, ["official seal", "bank accounts", "pending contracts"])));

        handedOver.HandoverOverdue.ShouldBeFalse();
        handedOver.HandoverItems.Count.ShouldBe(3);
        (await api.Client().GetFromJsonAsync<DepartureView[]>("/api/audit/departures/overdue-handovers"))!.ShouldBeEmpty();
        (await api.Client().PostAsJsonAsync($"/api/audit/departures/{departure.Id}/handover", new HandoverRequest(Today, ["seal"])))
            .StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public void A4_the_handover_deadline_day_itself_is_on_time()
    {
        var deadline = new DateOnly(2026, 6, 30);

        DepartureRules.HandoverOverdue(deadline, null, DepartureAuditStatus.Pending, deadline).ShouldBeFalse();
        DepartureRules.HandoverOverdue(deadline, null, DepartureAuditStatus.Pending, deadline.AddDays(1)).ShouldBeTrue();
        DepartureRules.HandoverOverdue(deadline, deadline.AddDays(3), DepartureAuditStatus.Completed, deadline.AddDays(5)).ShouldBeFalse();
        DepartureRules.HandoverOverdue(deadline, null, DepartureAuditStatus.Cleared, deadline.AddDays(5)).ShouldBeFalse();
    }

    [Fact]
    public async Task A4_appointing_a_sitting_leader_elsewhere_requests_the_departure_audit_once_however_often_the_event_arrives()
    {
        var leader = Guid.NewGuid();
        var unit = await api.Unit("Culture bureau", 4_000_000, leader: leader);
        await using var probe = await BusProbe.StartAsync(audit.Servers.RabbitMq.AmqpUri, typeof(DepartureAuditRequested));
        var appointed = new CadreAppointed(Guid.NewGuid(), api.Tenant, leader, Guid.NewGuid(), Outcomes.Passed, null, "appointed", null);
        var messageId = Guid.NewGuid();

        await probe.Publish(appointed, messageId);
        var requested = await probe.WaitFor<DepartureAuditRequested>(e => e.CadreId == leader);
        Guid[] later = [Guid.NewGuid(), Guid.NewGuid()];
        await probe.Publish(appointed, messageId); // a redelivery: the inbox skips it
        await probe.Publish(appointed with { AppointmentId = Guid.NewGuid() }, later[0]); // another appointment while the move is under way
        await probe.Publish(new CadreAppointed(Guid.NewGuid(), api.Tenant, Guid.NewGuid(), Guid.NewGuid(), Outcomes.Passed, null, null, null), later[1]); // leads no unit

        requested.UnitId.ShouldBe(unit.Id);
        requested.ProcedureId.ShouldBe(Guid.Empty); // the departure procedure starts from it
        await Eventually.True(() => api.Db(async db => await db.Set<InboxMessage>().CountAsync(m => later.Contains(m.MessageId)) == 2),
            "the later appointments consumed");
        var departures = await api.Db(db => db.DepartureAudits.Where(d => d.CadreId == leader).ToListAsync());
        departures.Single().PowersFrozen.ShouldBeTrue();
    }

    [Fact]
    public async Task A4_a_refused_appointment_requests_nothing()
    {
        var leader = Guid.NewGuid();
        await api.Unit("Sports bureau", 1_000_000, leader: leader);
        await using var probe = await BusProbe.StartAsync(audit.Servers.RabbitMq.AmqpUri, typeof(DepartureAuditRequested));
        var messageId = Guid.NewGuid();

        await probe.Publish(new CadreAppointed(Guid.NewGuid(), api.Tenant, leader, Guid.Empty, Outcomes.Failed, "V3", "no integrity exam", null), messageId);

        await Eventually.True(() => api.Db(db => db.Set<InboxMessage>().AnyAsync(m => m.MessageId == messageId)), "the refused appointment consumed");
        (await api.Db(db => db.DepartureAudits.CountAsync(d => d.CadreId == leader))).ShouldBe(0);
    }

    [Fact]
    public async Task A5_C3_an_excellent_audit_s_commendation_is_announced_for_the_cadre_s_file_and_a_satisfactory_one_is_not()
    {
        var excellent = Guid.NewGuid();
        var satisfactory = Guid.NewGuid();
        var unit = await api.Unit("Statistics bureau", 1_000_000);

        foreach (var (cadre, rating) in new[] { (excellent, AuditRating.Excellent), (satisfactory, AuditRating.Satisfactory) })
            (await api.Client().PostAsJsonAsync("/api/audit/results", new RecordAuditResultRequest(unit.Id, cadre, api.Year, rating, null, null)))
                .IsSuccessStatusCode.ShouldBeTrue();

        var entries = await api.Db(db => db.Set<OutboxMessage>().Where(m => m.MessageType.Contains(nameof(CadreFileEntryReported)))
            .Select(m => m.Body).ToListAsync());
        entries.Count(b => b.Contains(excellent.ToString())).ShouldBe(1);
        entries.Single(b => b.Contains(excellent.ToString())).ShouldContain(CadreFileEntryKinds.Commendation);
        entries.Count(b => b.Contains(satisfactory.ToString())).ShouldBe(0);
    }
}
