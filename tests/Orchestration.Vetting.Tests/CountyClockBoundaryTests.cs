using System.Net;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.Testing;
using Orchestration.Vetting.Disclosures;
using Orchestration.Vetting.Inspections;
using Orchestration.Vetting.IntegrityExams;
using Orchestration.Vetting.Probation;
using Orchestration.Vetting.Publicity;
using Orchestration.Vetting.Reports;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

/// <summary>A vetting service whose clock the tests set, on its own database and RabbitMQ virtual host.</summary>
public sealed class VettingClockHostFixture() : CountyClockHostFixture<Program>("Vetting", "vetting_clock");

[CollectionDefinition(Name)]
public sealed class VettingClockCollection : ICollectionFixture<VettingClockHostFixture>
{
    public const string Name = "vetting service on a set clock";
}

/// <summary>
/// The county's day turns at midnight in Beijing, 16:00 UTC: at 15:59 UTC it is still the UTC date in the county, at 16:01 UTC it
/// is already the next day. Each rule that counts days is tried on both sides of that minute; on UTC dates the 16:01 side fails.
/// </summary>
[Collection(VettingClockCollection.Name)]
public sealed class CountyClockBoundaryTests(VettingClockHostFixture vetting)
{
    readonly VettingApi api = new(vetting.Host);

    static DateTimeOffset Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    static AnnounceInspectionRequest Announcement(Guid cadreId, DateOnly startsOn) =>
        new(cadreId, startsOn, Posts: 1, [cadreId, Guid.NewGuid()], "考察组长 李某", Notice: VettingApi.Notice(startsOn));

    async Task<Guid> ApprovedCadre()
    {
        var cadreId = Guid.NewGuid();
        await api.Approve(cadreId);
        return cadreId;
    }

    Task<HttpResponseMessage> Review(AppointmentResponse appointment) =>
        api.Post($"appointments/{appointment.Id}/probation-review", new ReviewProbationRequest(Approved: true, "民主测评称职"));

    // V1 — 考察预告: "全面实行考察预告和拟提拔人选差额考察制" (seed 001); an inspection is announced before its first day.

    [Fact]
    public async Task V1_an_inspection_announced_at_1559_UTC_the_day_before_is_announced_in_advance()
    {
        var clock = vetting.Clock.Set(Utc(2026, 11, 22, 15, 59)); // 23:59 on Sunday 22 November in Beijing
        var cadreId = Guid.NewGuid();

        var inspection = await api.Post<InspectionResponse>("inspections", Announcement(cadreId, new DateOnly(2026, 11, 23)));

        inspection.AnnouncedOn.ShouldBe(new DateOnly(2026, 11, 22));
        await VettingApi.ShouldBeRefused(await api.Post($"inspections/{inspection.Id}/findings", new InspectionFindingRequest(cadreId, true)),
            "inspectionId", "V1"); // not started yet
        clock.Advance(TimeSpan.FromMinutes(2)); // 16:01 UTC: Monday 23 November has begun in the county, the inspection with it
        (await api.Post($"inspections/{inspection.Id}/findings", new InspectionFindingRequest(cadreId, true))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task V1_an_inspection_announced_at_1601_UTC_the_day_before_is_announced_on_its_first_day_and_refused()
    {
        vetting.Clock.Set(Utc(2026, 11, 22, 16, 1)); // 00:01 on Monday 23 November in Beijing, the first day itself

        await VettingApi.ShouldBeRefused(await api.Post("inspections", Announcement(Guid.NewGuid(), new DateOnly(2026, 11, 23))), "startsOn", "V1");
        (await api.Count<Inspection>()).ShouldBe(0);
    }

    // V8 — 任前公示: "新提职进班子的干部都要进行公示，公示除在本人原单位和拟任职单位进行外，还要通过...媒体向社会公示" (seed 001).

    [Fact]
    public async Task V8_at_1559_UTC_of_its_last_working_day_the_publicity_is_still_open()
    {
        var clock = vetting.Clock.Set(Utc(2026, 11, 27, 15, 59)); // 23:59 on Friday 27 November in Beijing
        var cadreId = await ApprovedCadre();
        var publicity = await api.Post<PublicityResponse>("publicity", new OpenPublicityRequest(cadreId, new DateOnly(2026, 11, 23)));
        publicity.EndsOn.ShouldBe(new DateOnly(2026, 11, 27)); // Monday to Friday, 5 working days

        var closing = await api.Post<PublicityClosed>($"publicity/{publicity.Id}/close", new { }, HttpStatusCode.OK);
        var report = await api.Post<ReportResponse>("reports", new ReceiveReportRequest(cadreId, "反映其违规插手工程"));

        closing.Outcome.ShouldBe(PublicityOutcomes.Pending);
        closing.RuleId.ShouldBe("V8");
        report.WindowId.ShouldBe(publicity.Id); // C4: reported during the publicity
        clock.Advance(TimeSpan.FromMinutes(2)); // 16:01 UTC: Saturday 28 November in the county, after the window
        (await api.Post<ReportResponse>("reports", new ReceiveReportRequest(cadreId, "反映其配偶经商"))).WindowKind.ShouldBeNull();
    }

    [Fact]
    public async Task V8_at_1601_UTC_of_its_last_working_day_the_publicity_closes_on_the_next_county_day()
    {
        vetting.Clock.Set(Utc(2026, 11, 27, 16, 1)); // 00:01 on Saturday 28 November in Beijing
        var cadreId = await ApprovedCadre();
        var publicity = await api.Post<PublicityResponse>("publicity", new OpenPublicityRequest(cadreId, new DateOnly(2026, 11, 23)));

        var closed = await api.Post<PublicityClosed>($"publicity/{publicity.Id}/close", new { }, HttpStatusCode.OK);

        closed.Outcome.ShouldBe(Outcomes.Passed);
        (await api.Get<PublicityResponse>($"publicity/{publicity.Id}")).Outcome.ShouldBe(Outcomes.Passed);
    }

    // C5 with V8 and V4 — a window opens on the county date it is opened and runs its working days from there.

    [Fact]
    public async Task C5_a_publicity_opened_at_1559_UTC_opens_that_county_day_and_at_1601_UTC_the_next()
    {
        var clock = vetting.Clock.Set(Utc(2026, 11, 27, 15, 59)); // Friday 27 November, 23:59 in Beijing

        var friday = await api.Post<PublicityResponse>("publicity", new OpenPublicityRequest(await ApprovedCadre()));
        clock.Advance(TimeSpan.FromMinutes(2)); // Saturday 28 November, 00:01 in Beijing
        var saturday = await api.Post<PublicityResponse>("publicity", new OpenPublicityRequest(await ApprovedCadre()));

        (friday.OpensOn, friday.EndsOn).ShouldBe((new DateOnly(2026, 11, 27), new DateOnly(2026, 12, 3))); // Fri, Mon–Thu
        (saturday.OpensOn, saturday.EndsOn).ShouldBe((new DateOnly(2026, 11, 28), new DateOnly(2026, 12, 4))); // Mon–Fri
    }

    [Fact]
    public async Task C5_V4_a_disclosure_posted_at_1559_UTC_is_posted_that_county_day_and_at_1601_UTC_the_next()
    {
        // V4: "公开时限都为5个工作日" (seed 004).
        var clock = vetting.Clock.Set(Utc(2026, 11, 27, 15, 59));

        var friday = await api.Post<DisclosureResponse>("disclosures", new FileDisclosureRequest(Guid.NewGuid(), DisclosureRank.Deputy, VettingApi.AllNineCategories(), "自评"));
        clock.Advance(TimeSpan.FromMinutes(2));
        var saturday = await api.Post<DisclosureResponse>("disclosures", new FileDisclosureRequest(Guid.NewGuid(), DisclosureRank.Deputy, VettingApi.AllNineCategories(), "自评"));

        (friday.PostingOpensOn, friday.PostingEndsOn).ShouldBe((new DateOnly(2026, 11, 27), new DateOnly(2026, 12, 3)));
        (saturday.PostingOpensOn, saturday.PostingEndsOn).ShouldBe((new DateOnly(2026, 11, 28), new DateOnly(2026, 12, 4)));
    }

    // V9 — 试用期: "坚持和完善任前公示和任职试用期制度" (seed 001); one year, reviewed at its end.

    [Fact]
    public async Task V9_a_probation_begun_at_1601_UTC_on_28_February_ends_on_the_county_anniversary_1_March()
    {
        var clock = vetting.Clock.Set(Utc(2027, 2, 28, 16, 1)); // 00:01 on 1 March 2027 in Beijing
        var cadreId = Guid.NewGuid();
        await api.Approve(cadreId);
        await api.Post<IntegrityExamResponse>("integrity-exams", new IntegrityExamRequest(cadreId, 90));

        var appointment = await api.Post<AppointmentResponse>("appointments", new AppointCadreRequest(cadreId, "某局副局长", AppointmentPostKind.WorkingDepartmentDeputy));

        appointment.AppointedOn.ShouldBe(new DateOnly(2027, 3, 1));
        appointment.ProbationEndsOn.ShouldBe(new DateOnly(2028, 3, 1)); // not 28 February 2028, the UTC date's anniversary
        clock.SetUtcNow(Utc(2028, 2, 29, 15, 59)); // the leap day, 23:59 in Beijing
        await VettingApi.ShouldBeRefused(await Review(appointment), "appointmentId", "V9");
        clock.Advance(TimeSpan.FromMinutes(2)); // 1 March 2028 in the county
        (await Review(appointment)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task V9_the_probation_review_is_due_from_1600_UTC_on_the_eve_of_the_anniversary()
    {
        var clock = vetting.Clock.Set(Utc(2026, 6, 10, 2, 0)); // 10:00 on 10 June 2026 in Beijing
        var cadreId = Guid.NewGuid();
        await api.Approve(cadreId);
        await api.Post<IntegrityExamResponse>("integrity-exams", new IntegrityExamRequest(cadreId, 88));
        var appointment = await api.Post<AppointmentResponse>("appointments", new AppointCadreRequest(cadreId, "某局副局长", AppointmentPostKind.WorkingDepartmentDeputy));
        appointment.ProbationEndsOn.ShouldBe(new DateOnly(2027, 6, 10));

        clock.SetUtcNow(Utc(2027, 6, 9, 15, 59)); // still 9 June in Beijing
        await VettingApi.ShouldBeRefused(await Review(appointment), "appointmentId", "V9");
        clock.Advance(TimeSpan.FromMinutes(2)); // 00:01 on 10 June in Beijing, while UTC is still on 9 June
        var reviewed = await Review(appointment);

        reviewed.StatusCode.ShouldBe(HttpStatusCode.OK, await reviewed.Content.ReadAsStringAsync());
        (await api.Get<AppointmentResponse>($"appointments/{appointment.Id}")).Status.ShouldBe(AppointmentStatus.Formal);
    }
}
