using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc.Testing;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;

namespace Orchestration.EndToEnd.Tests;

/// <summary>
/// One cadre's way through <c>workflows/cadre-appointment.json</c>: what the organization department records at each step,
/// with figures that pass unless a test says otherwise.
/// </summary>
public sealed class AppointmentProcedure(ProcedureSystem system)
{
    public Guid Cadre { get; } = Guid.NewGuid();

    public Guid Rival { get; } = Guid.NewGuid();

    public Guid Motion { get; private set; }

    public Guid Procedure { get; private set; }

    public const string Nominator = "county-party-committee";

    /// <summary>The organization department's clerk who records the facts at the services.</summary>
    public const string Clerk = "clerk-gao";
    public const string TeamLeader = "inspector-li";
    public static readonly string[] Voters = ["secretary-wang", "deputy-zhao", "member-chen", "member-liu", "member-sun", "member-zhou", "member-wu", "member-zheng", "member-feng"];

    HttpClient Nomination => system.Nomination.CreateClientAs(Clerk, ProcedureSystem.Tenant, Roles.OrganizationDepartment, Roles.Administrator);
    HttpClient Vetting => system.Vetting.CreateClientAs(Clerk, ProcedureSystem.Tenant, Roles.OrganizationDepartment, Roles.Administrator);

    DateOnly Today => DateOnly.FromDateTime(system.Clock.GetUtcNow().AddHours(8).DateTime);

    /// <summary>
    /// The cadre's file and place in the reserve pool exist; the standing committee approves a motion through the nomination
    /// service, and that approval starts the procedure.
    /// </summary>
    public async Task<Guid> MotionApprovedAsync()
    {
        await Ok(Vetting.PostAsJsonAsync("/api/vetting/cadre-files", new
        {
            cadreId = Cadre, name = "张明", birthDate = new DateOnly(1980, 5, 4), partyJoinedOn = new DateOnly(2003, 7, 1), sex = "Male",
            workStartedOn = new DateOnly(2002, 8, 1), education = "University, economics", careerHistory = new[] { "2002 county finance bureau", "2015 township head" },
        }));
        await Ok(Nomination.PostAsJsonAsync("/api/nomination/reserve-pool", new { cadreId = Cadre }));
        var term = await Ok(Nomination.PostAsJsonAsync("/api/nomination/committee-terms",
            new { name = $"Term {Guid.NewGuid():N}", leadershipPosts = 120, startsOn = Today.AddYears(-1) }));
        // N9: the unit's establishment leaves a vacancy for the post the motion fills.
        var unit = $"县财政局 {Cadre:N}";
        await Ok(Nomination.PostAsJsonAsync("/api/nomination/establishments",
            new { unit, approvedPosts = 5, occupiedPosts = 4, asOf = Today.AddMonths(-1), reference = "编办〔2026〕12号" }));
        // A batch adjustment in a term of its own: the county's five decision sessions a year (N2) are not used up by the tests.
        var motion = await Ok(Nomination.PostAsJsonAsync("/api/nomination/motions", new
        {
            termId = term["id"]!.GetValue<Guid>(), ground = "PostVacancy", kind = "Batch", direction = "Fill the vacant deputy head post of the finance bureau",
            criteria = "Economic management experience; five years at section level", cadresAdjusted = 1, cadresPromoted = 1,
            posts = new[] { new { unit, title = "副局长" } },
        }));
        Motion = motion["id"]!.GetValue<Guid>();
        await Ok(Nomination.PostAsJsonAsync($"/api/nomination/motions/{Motion}/approval", new { decisionReference = "Standing committee meeting 12" }));

        Procedure = await Eventually.Get(async () =>
        {
            var instances = (await system.Department.GetFromJsonAsync<JsonArray>("/api/workflows/instances?definitionId=cadre-appointment"))!;
            foreach (var instance in instances)
            {
                var id = instance!["id"]!.GetValue<Guid>();
                var details = await system.InstanceAsync(id);
                if (details["input"]?["motionId"]?.GetValue<Guid>() == Motion) return (Guid?)id;
            }
            return null;
        }, $"the approved motion {Motion} to start an appointment procedure") ?? Guid.Empty;
        await system.WaitsAtAsync(Procedure, "awaitNominee");
        return Procedure;
    }

    /// <summary>From the approved motion to the decision meeting, every step passing.</summary>
    public async Task<Guid> ReadyForDecisionAsync()
    {
        await MotionApprovedAsync();
        await NominatedAsync();
        await RecommendationCountedAsync();
        await InspectedAsync();
        await DeliberatedAsync();
        return Procedure;
    }

    public async Task NominatedAsync()
    {
        await Ok(Nomination.PostAsJsonAsync("/api/nomination/nominations", new
        {
            cadreId = Cadre, nominatorKind = "PartyOrganization", nominatorId = Nominator, declaredRelationship = "Unrelated",
            proposedPost = "Deputy head, county finance bureau", recommendationStatement = "Sound record in budget management.", motionId = Motion,
            procedureId = Procedure,
        }));
        await system.WaitsAtAsync(Procedure, "awaitRecommendation");
    }

    public Task<JsonObject> RecommendationCountedAsync(int meetingVotesFor = 61, int meetingBallotsCast = 100) =>
        Ok(Nomination.PostAsJsonAsync("/api/nomination/recommendation-rounds", new
        {
            cadreId = Cadre, meetingVotesFor, meetingBallotsCast, conversationsFor = 31, conversationsHeld = 50, procedureId = Procedure,
        }));

    /// <summary>V2: the clerk submits the candidate's registration form; its three ages and one history are checked against the file.</summary>
    public Task<JsonObject> AgesAndHistorySubmittedAsync(DateOnly? birthDate = null) =>
        Ok(Vetting.PostAsJsonAsync($"/api/vetting/cadre-files/{Cadre}/verifications", new
        {
            birthDate = birthDate ?? new DateOnly(1980, 5, 4), partyJoinedOn = new DateOnly(2003, 7, 1), workStartedOn = new DateOnly(2002, 8, 1),
            education = "University, economics", careerHistory = new[] { "2002 county finance bureau", "2015 township head" }, procedureId = Procedure,
        }));

    /// <summary>N5: the department meeting (部务会议) chooses the inspection candidates from the recommendation.</summary>
    public async Task DepartmentMeetingAsync()
    {
        await system.WaitsAtAsync(Procedure, "awaitDepartmentMeeting");
        await Ok(Nomination.PostAsJsonAsync("/api/nomination/department-meetings", new
        {
            heldOn = Today, attendees = new[] { "部长 赵某", "副部长 钱某", "干部科科长 孙某" }, minutesReference = "部务会〔2026〕9次",
            candidates = new[] { new { cadreId = Cadre, chosen = true, procedureId = Procedure } },
        }));
    }

    public async Task InspectedAsync()
    {
        await system.WaitsAtAsync(Procedure, "awaitAgesAndHistory");
        await AgesAndHistorySubmittedAsync();
        await DepartmentMeetingAsync();
        await system.WaitsAtAsync(Procedure, "awaitInspectionPlan");
        var inspection = await Ok(Vetting.PostAsJsonAsync("/api/vetting/inspections", new
        {
            cadreId = Cadre, startsOn = Today.AddDays(1), posts = 1, candidates = new[] { Cadre, Rival }, teamLeader = TeamLeader, procedureId = Procedure,
            notice = new
            {
                endsOn = Today.AddDays(5), content = "德、能、勤、绩、廉", procedure = "民主测评、个别谈话、查阅档案",
                standard = "《党政领导干部选拔任用工作条例》规定的任职条件", requirements = "如实反映情况；考察组联系电话 0000-1234567",
            },
        }));
        await system.WaitsAtAsync(Procedure, "awaitDisclosure");
        await Ok(Vetting.PostAsJsonAsync("/api/vetting/disclosures", new
        {
            cadreId = Cadre, procedureId = Procedure, rank = "Deputy", selfEvaluation = "Nothing withheld.",
            items = new[]
            {
                "MarriageChanges", "PrivatePassports", "PrivateTripsAbroad", "FamilyEmigration", "FamilyEmploymentAndOwnPay", "RealEstate",
                "SecuritiesFundsAndInsurance", "FamilyInvestmentsInUnlistedCompanies", "FamilyBusinesses",
            }.Select(category => new { category, statement = "None to report." }),
        }));
        await system.PassTimerAsync(Procedure, "disclosurePosting"); // the five working days of the posting (C5)
        await system.WaitsAtAsync(Procedure, "awaitInspectionResult");
        system.Advance(TimeSpan.FromDays(1)); // the inspection has begun
        await Ok(Vetting.PostAsJsonAsync($"/api/vetting/inspections/{inspection["id"]}/findings", new { cadreId = Cadre, qualified = true, findings = "Capable and clean." }));
        await system.WaitsAtAsync(Procedure, "awaitDeliberation");
    }

    public async Task DeliberatedAsync(string disciplineCommission = "Agrees")
    {
        await system.WaitsAtAsync(Procedure, "awaitDeliberation");
        await Ok(Vetting.PostAsJsonAsync("/api/vetting/deliberations", new
        {
            cadreId = Cadre, procedureId = Procedure,
            opinions = new[]
            {
                new { head = "Government", stance = "Agrees" }, new { head = "PeoplesCongress", stance = "Agrees" },
                new { head = "PoliticalConsultativeConference", stance = "Agrees" }, new { head = "DisciplineCommission", stance = disciplineCommission },
            },
        }));
    }

    public async Task DecisionMeetingAsync(int membersPresent = 9)
    {
        await system.WaitsAtAsync(Procedure, "awaitMeeting");
        await Ok(Vetting.PostAsJsonAsync("/api/vetting/decision-meetings", Meeting(Cadre, Procedure, membersPresent)));
    }

    public async Task PublicizedAsync()
    {
        await system.WaitsAtAsync(Procedure, "awaitPublication");
        await Ok(Vetting.PostAsJsonAsync("/api/vetting/disclosures/publications", new
        {
            cadreId = Cadre, procedureId = Procedure,
            identity = "Section chief, county finance bureau", maritalStatus = "Married", realEstate = "One flat, 96 m²", annualIncome = 186000m,
        }));
        await system.WaitsAtAsync(Procedure, "publicity");
    }

    /// <summary>A report about the cadre received during the publicity, verified by the discipline commission through Dapr.</summary>
    public async Task ReportVerifiedAsync(string verdict)
    {
        var report = await Ok(Vetting.PostAsJsonAsync("/api/vetting/reports", new { cadreId = Cadre, summary = "Undeclared second flat." }));
        var cloudEvent = JsonSerializer.Serialize(new
        {
            specversion = "1.0", id = Guid.NewGuid().ToString(), source = "discipline-commission", type = "com.dapr.event.sent",
            datacontenttype = "application/json", pubsubname = "pubsub", topic = "report-verified",
            data = new { tenantId = ProcedureSystem.Tenant, reportId = report["id"]!.GetValue<Guid>(), verdict, verifiedBy = "discipline-commission" },
        });
        var sidecar = system.Vetting.CreateClient(new WebApplicationFactoryClientOptions());
        var answer = await sidecar.PostAsync("/dapr/events/report-verified", new StringContent(cloudEvent, Encoding.UTF8, "application/cloudevents+json"));
        answer.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await answer.Content.ReadAsStringAsync()).ShouldContain("SUCCESS");
        await Eventually.True(async () => (await Vetting.GetFromJsonAsync<JsonObject>($"/api/vetting/reports/{report["id"]}"))!["verdict"] is JsonValue,
            "the vetting service to apply the verification");
    }

    /// <summary>A report about the cadre received during the publicity (C4), linked to the window open today.</summary>
    public Task<JsonObject> ReportReceivedAsync() =>
        Ok(Vetting.PostAsJsonAsync("/api/vetting/reports", new { cadreId = Cadre, summary = "Undeclared second flat." }));

    /// <summary>C4: the verification team records its verdict on the report at the vetting API.</summary>
    public Task<JsonObject> ReportVerifiedAtTheApiAsync(Guid reportId, string verdict) =>
        Ok(Vetting.PostAsJsonAsync($"/api/vetting/reports/{reportId}/verification", new { verdict, verifiedBy = "核查小组（纪检、房产、金融）" }));

    public async Task AppointedAsync()
    {
        // the five working days of the publicity, unless a test has let them pass already
        if ((await system.InstanceAsync(Procedure))["bookmarks"]!.AsArray().Any(b => b!["activityId"]!.GetValue<string>() == "publicity"))
            await system.PassTimerAsync(Procedure, "publicity");
        await system.WaitsAtAsync(Procedure, "awaitExam");
        await Ok(Vetting.PostAsJsonAsync("/api/vetting/integrity-exams", new { cadreId = Cadre, score = 86, procedureId = Procedure }));
        await system.WaitsAtAsync(Procedure, "probation");
    }

    public async Task ProbationAssessedAsync(bool approved)
    {
        system.Advance(TimeSpan.FromDays(368)); // one year of probation (V9)
        await system.WaitsAtAsync(Procedure, "awaitProbationReview");
        var appointment = ProcedureSystem.ResultsOf(await system.InstanceAsync(Procedure), "appoint").Last()["appointmentId"];
        await Ok(Vetting.PostAsJsonAsync($"/api/vetting/appointments/{appointment}/probation-review",
            new { approved, evaluation = approved ? "Competent." : "Not up to the post." }));
    }

    /// <summary>
    /// A decision meeting of the eleven-member committee: every member present named once with how they voted (one against), the
    /// secretary speaking last (V6, C2).
    /// </summary>
    public static object Meeting(Guid cadre, Guid procedure, int membersPresent = 9)
    {
        var present = Voters.Take(membersPresent).ToArray();
        var ballots = present.Select((member, i) => new { member, vote = i == present.Length - 1 ? "Against" : "For" }).ToArray();
        return new
        {
            cadreId = cadre, procedureId = procedure, membersTotal = 11, membersPresent, votesFor = membersPresent - 1, votesAgainst = 1, voters = present,
            ballots, speakingOrder = present.Skip(1).Append(present[0]).ToArray(), secretary = present[0],
        };
    }

    static async Task<JsonObject> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonNode.Parse(body) as JsonObject ?? [];
    }
}
