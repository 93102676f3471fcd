using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.Testing;
using Orchestration.Vetting.Deliberations;
using Orchestration.Vetting.Probation;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

/// <summary>Workflow steps over the real RabbitMQ: a command in, its result event out, once.</summary>
[Collection(VettingCollection.Name)]
public sealed class VettingBusTests(VettingHostFixture vetting)
{
    readonly VettingApi api = new(vetting);

    [Fact]
    public async Task V5_a_deliberation_command_delivered_twice_answers_once_with_the_veto()
    {
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri, typeof(DeliberationConcluded));
        var procedureId = Guid.NewGuid();
        var command = new Deliberate(procedureId, api.Tenant, Guid.NewGuid(),
        [
            new(DeliberationHead.Government, DeliberationStance.Agrees), new(DeliberationHead.PeoplesCongress, DeliberationStance.Disagrees, "群众反映较多"),
            new(DeliberationHead.PoliticalConsultativeConference, DeliberationStance.Agrees), new(DeliberationHead.DisciplineCommission, DeliberationStance.Agrees),
        ]);
        var messageId = Guid.NewGuid();

        await probe.Publish(command, messageId);
        await probe.Publish(command, messageId); // a redelivery

        var concluded = await probe.WaitFor<DeliberationConcluded>(e => e.ProcedureId == procedureId);
        concluded.Outcome.ShouldBe(Outcomes.Failed);
        concluded.RuleId.ShouldBe("V5");
        // A later step of another procedure has gone through the same queue once both copies were taken.
        var marker = Guid.NewGuid();
        await probe.Publish(command with { ProcedureId = marker });
        await probe.WaitFor<DeliberationConcluded>(e => e.ProcedureId == marker);
        await Eventually.True(async () => await api.Db(db => db.Set<Orchestration.ServiceDefaults.Messaging.InboxMessage>()
            .AnyAsync(m => m.MessageId == messageId)), "the inbox row of the command");
        probe.Received<DeliberationConcluded>(e => e.ProcedureId == procedureId).Count.ShouldBe(1);
        (await api.Db(db => db.Deliberations.CountAsync(d => d.ProcedureId == procedureId))).ShouldBe(1);
    }

    [Fact]
    public async Task V9_a_probation_review_before_expiry_answers_not_due_and_changes_nothing()
    {
        var cadreId = Guid.NewGuid();
        await api.Approve(cadreId);
        await api.Post<Orchestration.Vetting.IntegrityExams.IntegrityExamResponse>("integrity-exams", new Orchestration.Vetting.IntegrityExams.IntegrityExamRequest(cadreId, 70));
        var appointment = await api.Post<AppointmentResponse>("appointments", new AppointCadreRequest(cadreId, "某局副局长", AppointmentPostKind.WorkingDepartmentDeputy));
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri, typeof(ProbationReviewed));
        var procedureId = Guid.NewGuid();

        await probe.Publish(new ReviewProbation(procedureId, api.Tenant, cadreId, Approved: true));

        var reviewed = await probe.WaitFor<ProbationReviewed>(e => e.ProcedureId == procedureId);
        reviewed.Outcome.ShouldBe(ProbationOutcomes.NotDue);
        reviewed.RuleId.ShouldBe("V9");
        (await api.Get<AppointmentResponse>($"appointments/{appointment.Id}")).Status.ShouldBe(AppointmentStatus.OnProbation);
    }

    [Fact]
    public async Task V7_a_decision_command_without_the_superiors_approval_answers_deferred_with_the_rule_and_records_no_meeting()
    {
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri, typeof(DecisionMeetingHeld));
        var procedureId = Guid.NewGuid();
        var cadreId = Guid.NewGuid();

        await probe.Publish(new HoldDecisionMeeting(procedureId, api.Tenant, cadreId, 10, 9, 7, 2, VettingApi.Members(9), Ballots: VettingApi.Ballots(9, 7, 2),
            PreFilingCases: [PreFilingCase.ExceptionalPromotion]));

        var held = await probe.WaitFor<DecisionMeetingHeld>(e => e.ProcedureId == procedureId);
        held.Outcome.ShouldBe(DecisionOutcomes.Deferred);
        held.RuleId.ShouldBe("V7");
        held.Reason!.ShouldContain(nameof(PreFilingCase.ExceptionalPromotion));
        (await api.Db(db => db.DecisionMeetings.CountAsync(m => m.CadreId == cadreId))).ShouldBe(0);
    }
}
