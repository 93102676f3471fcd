using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.Vetting.IntegrityExams;
using Orchestration.Vetting.Probation;
using Orchestration.Vetting.Publicity;
using Orchestration.Vetting.Reports;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

[Collection(VettingCollection.Name)]
public sealed class PublicityAndProbationApiTests(VettingHostFixture vetting)
{
    readonly VettingApi api = new(vetting);

    [Fact]
    public async Task V8_publicity_of_a_candidate_without_an_approved_decision_is_refused_and_nothing_is_stored()
    {
        await VettingApi.ShouldBeRefused(await api.Post("publicity", new OpenPublicityRequest(Guid.NewGuid())), "cadreId", "V8");
        (await api.Count<PublicityWindow>()).ShouldBe(0);
    }

    [Fact]
    public async Task V8_publicity_runs_five_working_days_over_national_day()
    {
        var cadreId = Guid.NewGuid();
        await api.Approve(cadreId);

        var publicity = await api.Post<PublicityResponse>("publicity", new OpenPublicityRequest(cadreId, new DateOnly(2026, 9, 30)));

        publicity.EndsOn.ShouldBe(new DateOnly(2026, 10, 12));
        publicity.Places.ShouldBe(["original unit", "new unit", "media"]);
    }

    [Fact]
    public async Task C4_a_report_during_the_publicity_is_linked_to_it_and_keeps_it_open_until_verified()
    {
        var cadreId = Guid.NewGuid();
        await api.Approve(cadreId);
        var publicity = await api.Post<PublicityResponse>("publicity", new OpenPublicityRequest(cadreId));

        var report = await api.Post<ReportResponse>("reports", new ReceiveReportRequest(cadreId, "反映其配偶经商", "138****0000"));

        report.WindowKind.ShouldBe("Publicity");
        report.WindowId.ShouldBe(publicity.Id);
        (await api.Post<PublicityClosed>($"publicity/{publicity.Id}/close", new { }, System.Net.HttpStatusCode.OK)).Outcome.ShouldBe(PublicityOutcomes.Pending);
    }

    [Fact]
    public async Task C4_a_report_verified_as_not_affecting_lets_the_procedure_go_on_and_informs_the_reporter()
    {
        var cadreId = Guid.NewGuid();
        await api.Approve(cadreId);
        var publicity = await api.Post<PublicityResponse>("publicity", new OpenPublicityRequest(cadreId, VettingApi.Today.AddDays(-30)));
        var report = await api.Post<ReportResponse>("reports", new ReceiveReportRequest(cadreId, "反映其住房超标"));

        var verified = await api.Post<ReportResponse>($"reports/{report.Id}/verification",
            new VerifyReportRequest(ReportVerdict.NotAffecting, "核查小组（纪检、房产）"), System.Net.HttpStatusCode.OK);

        verified.ReporterInformed.ShouldBeTrue();
        var closed = await api.Post<PublicityClosed>($"publicity/{publicity.Id}/close", new { }, System.Net.HttpStatusCode.OK);
        closed.Outcome.ShouldBe(Outcomes.Passed);
    }

    [Fact]
    public async Task C4_a_confirmed_report_fails_the_publicity_and_the_appointment_is_refused()
    {
        var cadreId = Guid.NewGuid();
        await api.Approve(cadreId);
        await api.Post<IntegrityExamResponse>("integrity-exams", new IntegrityExamRequest(cadreId, 90));
        var publicity = await api.Post<PublicityResponse>("publicity", new OpenPublicityRequest(cadreId, VettingApi.Today.AddDays(-30)));
        var report = await api.Post<ReportResponse>("reports", new ReceiveReportRequest(cadreId, "反映其违规经商"));
        await api.Post<ReportResponse>($"reports/{report.Id}/verification", new VerifyReportRequest(ReportVerdict.Confirmed, "核查小组"), System.Net.HttpStatusCode.OK);

        var closed = await api.Post<PublicityClosed>($"publicity/{publicity.Id}/close", new { }, System.Net.HttpStatusCode.OK);

        closed.Outcome.ShouldBe(Outcomes.Failed);
        closed.RuleId.ShouldBe("C4");
        await VettingApi.ShouldBeRefused(await api.Post("appointments", new AppointCadreRequest(cadreId, "某局副局长", AppointmentPostKind.WorkingDepartmentDeputy)), "cadreId", "C4");
        (await api.Count<Appointment>()).ShouldBe(0);
    }

    [Fact]
    public async Task C4_a_confirmed_report_cancels_an_appointment_on_probation()
    {
        var cadreId = Guid.NewGuid();
        await api.Approve(cadreId);
        await api.Post<IntegrityExamResponse>("integrity-exams", new IntegrityExamRequest(cadreId, 75));
        var appointment = await api.Post<AppointmentResponse>("appointments", new AppointCadreRequest(cadreId, "某局副局长", AppointmentPostKind.WorkingDepartmentDeputy));
        var report = await api.Post<ReportResponse>("reports", new ReceiveReportRequest(cadreId, "反映其收受礼金"));

        await api.Post<ReportResponse>($"reports/{report.Id}/verification", new VerifyReportRequest(ReportVerdict.Criminal, "核查小组"), System.Net.HttpStatusCode.OK);

        (await api.Get<AppointmentResponse>($"appointments/{appointment.Id}")).Status.ShouldBe(AppointmentStatus.Cancelled);
    }

    [Fact]
    public async Task C4_a_verification_is_final()
    {
        var report = await api.Post<ReportResponse>("reports", new ReceiveReportRequest(Guid.NewGuid(), "反映问题"));
        await api.Post<ReportResponse>($"reports/{report.Id}/verification", new VerifyReportRequest(ReportVerdict.NotAffecting, "核查小组"), System.Net.HttpStatusCode.OK);

        (await api.Post($"reports/{report.Id}/verification", new VerifyReportRequest(ReportVerdict.Confirmed, "核查小组"))).StatusCode
            .ShouldBe(System.Net.HttpStatusCode.Conflict);
        (await api.Get<ReportResponse>($"reports/{report.Id}")).Verdict.ShouldBe(ReportVerdict.NotAffecting);
    }

    [Fact]
    public async Task V3_appointing_a_candidate_who_failed_the_exam_is_refused_and_nothing_is_stored()
    {
        var cadreId = Guid.NewGuid();
        await api.Approve(cadreId);
        await api.Post<IntegrityExamResponse>("integrity-exams", new IntegrityExamRequest(cadreId, 59));

        await VettingApi.ShouldBeRefused(await api.Post("appointments", new AppointCadreRequest(cadreId, "某局副局长", AppointmentPostKind.WorkingDepartmentDeputy)), "cadreId", "V3");
        (await api.Count<Appointment>()).ShouldBe(0);
    }

    [Fact]
    public async Task V9_an_appointment_starts_a_one_year_probation_that_is_not_reviewed_before_it_ends()
    {
        var cadreId = Guid.NewGuid();
        await api.Approve(cadreId);
        await api.Post<IntegrityExamResponse>("integrity-exams", new IntegrityExamRequest(cadreId, 60));
        var appointedOn = VettingApi.Today.AddDays(-364);

        var appointment = await api.Post<AppointmentResponse>("appointments", new AppointCadreRequest(cadreId, "某局副局长", AppointmentPostKind.WorkingDepartmentDeputy, AppointedOn: appointedOn));

        appointment.ProbationEndsOn.ShouldBe(appointedOn.AddYears(1));
        appointment.Status.ShouldBe(AppointmentStatus.OnProbation);
        await VettingApi.ShouldBeRefused(await api.Post($"appointments/{appointment.Id}/probation-review", new ReviewProbationRequest(true)),
            "appointmentId", "V9");
        (await api.Get<AppointmentResponse>($"appointments/{appointment.Id}")).Status.ShouldBe(AppointmentStatus.OnProbation);
    }

    [Theory]
    [InlineData(AppointmentPostKind.WorkingDepartmentDeputy, true, true)]
    [InlineData(AppointmentPostKind.DivisionUnitPrincipal, true, true)]
    [InlineData(AppointmentPostKind.DivisionUnitDeputy, true, true)]
    [InlineData(AppointmentPostKind.Other, true, false)]
    [InlineData(AppointmentPostKind.WorkingDepartmentDeputy, false, false)]
    public async Task V9_a_promotion_to_a_department_deputy_or_a_division_unit_post_is_on_probation_and_nothing_else_is(AppointmentPostKind kind,
        bool promotion, bool onProbation)
    {
        // Seed 001: 「对于提拔担任区委、区人大、区政府、区政协工作部门的副职，区委、区政府工作部门管理的处级单位正副职还实行了试用期制度」
        var cadreId = Guid.NewGuid();
        await api.Approve(cadreId);
        await api.Post<IntegrityExamResponse>("integrity-exams", new IntegrityExamRequest(cadreId, 80));

        var appointment = await api.Post<AppointmentResponse>("appointments", new AppointCadreRequest(cadreId, "某职务", kind, promotion));

        appointment.Status.ShouldBe(onProbation ? AppointmentStatus.OnProbation : AppointmentStatus.Formal);
        if (onProbation) appointment.ProbationEndsOn.ShouldBe(appointment.AppointedOn.AddYears(1)); // 2019 条例 art. 57: 「试用期为一年」
        else appointment.ProbationEndsOn.ShouldBeNull();
    }

    [Theory]
    [InlineData(true, AppointmentStatus.Formal)]
    [InlineData(false, AppointmentStatus.Reverted)]
    public async Task V9_at_expiry_approved_becomes_formal_and_not_approved_is_reverted(bool approved, AppointmentStatus status)
    {
        var cadreId = Guid.NewGuid();
        await api.Approve(cadreId);
        await api.Post<IntegrityExamResponse>("integrity-exams", new IntegrityExamRequest(cadreId, 80));
        var appointment = await api.Post<AppointmentResponse>("appointments", new AppointCadreRequest(cadreId, "某局副局长", AppointmentPostKind.WorkingDepartmentDeputy, AppointedOn: VettingApi.Today.AddYears(-1)));

        var reviewed = await api.Post<AppointmentResponse>($"appointments/{appointment.Id}/probation-review", new ReviewProbationRequest(approved, "民主测评"),
            System.Net.HttpStatusCode.OK);

        reviewed.Status.ShouldBe(status);
    }

    [Fact]
    public async Task A_caller_of_another_tenant_cannot_see_the_report()
    {
        var report = await api.Post<ReportResponse>("reports", new ReceiveReportRequest(Guid.NewGuid(), "反映问题"));

        (await api.Client(VettingApi.NewTenant()).GetAsync($"/api/vetting/reports/{report.Id}")).StatusCode.ShouldBe(System.Net.HttpStatusCode.NotFound);
        (await api.Client(VettingApi.NewTenant()).PostAsync($"/api/vetting/reports/{report.Id}/verification",
            System.Net.Http.Json.JsonContent.Create(new VerifyReportRequest(ReportVerdict.Confirmed, "x"), options: VettingApi.Json))).StatusCode
            .ShouldBe(System.Net.HttpStatusCode.BadRequest);
        (await api.Get<ReportResponse>($"reports/{report.Id}")).Verdict.ShouldBeNull();
    }
}
