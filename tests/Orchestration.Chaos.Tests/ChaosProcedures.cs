using System.Text.Json.Nodes;
using Orchestration.ServiceDefaults.Security;

namespace Orchestration.Chaos.Tests;

/// <summary>
/// A procedure the chaos test drove: where it must end (waiting at <see cref="EndsAt"/>, or finished when that is null), the steps it
/// must have completed exactly once, and how to count its records at the domain services (each must be one).
/// </summary>
public sealed record DrivenProcedure(string Definition, Guid Id, string? EndsAt, IReadOnlyList<string> Steps,
    Func<Task<IReadOnlyDictionary<string, int>>> DomainRecords, int Waits = 1);

/// <summary>How far the driving of one procedure got: what a procedure that never reaches its end was last waiting for.</summary>
public sealed class Drive(string definition)
{
    public string Definition { get; } = definition;

    public Guid? Id { get; set; }

    /// <summary>The cadre the procedure is about, once the drive has chosen one.</summary>
    public Guid? Cadre { get; set; }

    public string Stage { get; set; } = "starting";

    public override string ToString() => $"{Definition} {Id?.ToString() ?? "(not started)"} at {Stage}";
}

/// <summary>
/// The procedures of <c>workflows/</c> driven as the end-to-end tests drive them, on the real clock: what the organization
/// department records at the services and raises at the workflow server, each call surviving the process it goes to being killed.
/// </summary>
public sealed class ChaosProcedures(ChaosSystem system)
{
    const string Clerk = "clerk-gao";
    const string Officer = "officer-zhang";

    static readonly string ClerkToken = ChaosSystem.Token(Clerk, Roles.OrganizationDepartment, Roles.Administrator);
    static readonly string OfficerToken = ChaosSystem.Token(Officer, Roles.OrganizationDepartment);
    static readonly string AuditorToken = ChaosSystem.Token("auditor-qian", Roles.Auditor);

    static DateOnly Today => DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);

    static Guid Id(JsonObject created) => created["id"]!.GetValue<Guid>();

    async Task<int> Count(ServiceProcess service, string path, string token) => (await system.GetAsync(service, path, token)).AsArray().Count;

    /// <summary>
    /// <c>cadre-appointment</c> from the approved motion through the nomination, the recommendation, the inspection plan and the
    /// disclosure, to the disclosure's posting of five working days (a timer the real clock does not reach during the test).
    /// </summary>
    public async Task<DrivenProcedure> AppointmentAsync(Drive drive)
    {
        var cadre = Guid.NewGuid();
        drive.Cadre = cadre;
        drive.Stage = "recording the cadre's file";
        await system.PostAsync(system.Vetting, "/api/vetting/cadre-files", new
        {
            cadreId = cadre, name = "张明", birthDate = new DateOnly(1980, 5, 4), partyJoinedOn = new DateOnly(2003, 7, 1), sex = "Male",
            workStartedOn = new DateOnly(2002, 8, 1), education = "University, economics", careerHistory = new[] { "2002 county finance bureau", "2015 township head" },
        }, ClerkToken);
        drive.Stage = "entering the cadre in the reserve pool";
        await system.PostAsync(system.Nomination, "/api/nomination/reserve-pool", new { cadreId = cadre }, ClerkToken);
        drive.Stage = "recording the committee term";
        var term = await system.PostAsync(system.Nomination, "/api/nomination/committee-terms",
            new { name = $"Term {Guid.NewGuid():N}", leadershipPosts = 120, startsOn = Today.AddYears(-1) }, ClerkToken);
        drive.Stage = "recording the unit's establishment";
        var unit = $"县财政局 {cadre:N}";
        await system.PostAsync(system.Nomination, "/api/nomination/establishments",
            new { unit, approvedPosts = 5, occupiedPosts = 4, asOf = Today.AddMonths(-1), reference = "编办〔2026〕12号" }, ClerkToken);
        drive.Stage = "raising the motion";
        var motion = Id(await system.PostAsync(system.Nomination, "/api/nomination/motions", new
        {
            termId = Id(term), ground = "PostVacancy", kind = "Partial", direction = "Fill the vacant deputy head post of the finance bureau",
            criteria = "Economic management experience; five years at section level", cadresAdjusted = 1, cadresPromoted = 1,
            posts = new[] { new { unit, title = "副局长" } },
        }, ClerkToken));
        drive.Stage = $"approving motion {motion}";
        await system.PostAsync(system.Nomination, $"/api/nomination/motions/{motion}/approval", new { decisionReference = "Standing committee meeting 12" }, ClerkToken);

        drive.Stage = "the approved motion starting the procedure";
        var id = await system.UntilValue(() => AppointmentOf(motion), $"the approved motion {motion} to start an appointment procedure");
        drive.Id = id;

        drive.Stage = "awaitNominee";
        await system.ReachesAsync(id, "awaitNominee");
        drive.Stage = "awaitNominee: recording the nomination";
        await system.PostAsync(system.Nomination, "/api/nomination/nominations", new
        {
            cadreId = cadre, nominatorKind = "PartyOrganization", nominatorId = "county-party-committee", declaredRelationship = "Unrelated",
            proposedPost = "Deputy head, county finance bureau", recommendationStatement = "Sound record in budget management.", motionId = motion, procedureId = id,
        }, ClerkToken);
        drive.Stage = "awaitRecommendation";
        await system.ReachesAsync(id, "awaitRecommendation");
        drive.Stage = "awaitRecommendation: recording the recommendation round";
        await system.PostAsync(system.Nomination, "/api/nomination/recommendation-rounds", new
        {
            cadreId = cadre, meetingVotesFor = 61, meetingBallotsCast = 100, conversationsFor = 31, conversationsHeld = 50, procedureId = id,
        }, ClerkToken);
        drive.Stage = "awaitAgesAndHistory";
        await system.ReachesAsync(id, "awaitAgesAndHistory");
        drive.Stage = "awaitAgesAndHistory: submitting the three ages and one history (V2)";
        await system.PostAsync(system.Vetting, $"/api/vetting/cadre-files/{cadre}/verifications", new
        {
            birthDate = new DateOnly(1980, 5, 4), partyJoinedOn = new DateOnly(2003, 7, 1), workStartedOn = new DateOnly(2002, 8, 1),
            education = "University, economics", careerHistory = new[] { "2002 county finance bureau", "2015 township head" }, procedureId = id,
        }, ClerkToken);
        drive.Stage = "awaitDepartmentMeeting";
        await system.ReachesAsync(id, "awaitDepartmentMeeting");
        drive.Stage = "awaitDepartmentMeeting: recording the department meeting";
        await system.PostAsync(system.Nomination, "/api/nomination/department-meetings", new
        {
            heldOn = Today, attendees = new[] { "部长 赵某", "副部长 钱某" }, candidates = new[] { new { cadreId = cadre, chosen = true, procedureId = id } },
        }, ClerkToken);
        drive.Stage = "awaitInspectionPlan";
        await system.ReachesAsync(id, "awaitInspectionPlan");
        drive.Stage = "awaitInspectionPlan: recording the inspection";
        await system.PostAsync(system.Vetting, "/api/vetting/inspections", new
        {
            cadreId = cadre, startsOn = Today.AddDays(1), posts = 1, candidates = new[] { cadre, Guid.NewGuid() }, teamLeader = "inspector-li", procedureId = id,
            notice = new
            {
                endsOn = Today.AddDays(5), content = "德、能、勤、绩、廉", procedure = "民主测评、个别谈话、查阅档案",
                standard = "《党政领导干部选拔任用工作条例》规定的任职条件", requirements = "如实反映情况；考察组联系电话 0000-1234567",
            },
        }, ClerkToken);
        drive.Stage = "awaitDisclosure";
        await system.ReachesAsync(id, "awaitDisclosure");
        drive.Stage = "awaitDisclosure: recording the disclosure";
        await system.PostAsync(system.Vetting, "/api/vetting/disclosures", new
        {
            cadreId = cadre, procedureId = id, rank = "Deputy", selfEvaluation = "Nothing withheld.",
            items = new[]
            {
                "MarriageChanges", "PrivatePassports", "PrivateTripsAbroad", "FamilyEmigration", "FamilyEmploymentAndOwnPay", "RealEstate",
                "SecuritiesFundsAndInsurance", "FamilyInvestmentsInUnlistedCompanies", "FamilyBusinesses",
            }.Select(category => new { category, statement = "None to report." }),
        }, ClerkToken);

        return new DrivenProcedure("cadre-appointment", id, "disclosurePosting",
            ["motionApproved", "awaitNominee", "keepCadre", "keepPost", "awaitRecommendation", "awaitAgesAndHistory", "awaitDepartmentMeeting", "nominationStage",
                "awaitInspectionPlan", "awaitDisclosure"],
            async () => new Dictionary<string, int>
            {
                ["appointment procedures of the motion"] = (await AppointmentsOf(motion)).Count,
                ["nominations"] = await Count(system.Nomination, $"/api/nomination/nominations?cadreId={cadre}", ClerkToken),
                ["recommendation rounds"] = await Count(system.Nomination, $"/api/nomination/recommendation-rounds?cadreId={cadre}", ClerkToken),
                ["inspections"] = await Count(system.Vetting, $"/api/vetting/inspections?cadreId={cadre}", ClerkToken),
            });
    }

    /// <summary>The appointment procedures of the county by the motion that started them (a procedure's input never changes).</summary>
    readonly Dictionary<Guid, Guid> motions = [];

    async Task<Guid?> AppointmentOf(Guid motion) => (await AppointmentsOf(motion)).FirstOrDefault() is var id && id != Guid.Empty ? id : null;

    async Task<List<Guid>> AppointmentsOf(Guid motion)
    {
        foreach (var instance in await system.InstancesAsync("cadre-appointment"))
        {
            var id = instance!["id"]!.GetValue<Guid>();
            lock (motions) if (motions.ContainsKey(id)) continue;
            if ((await system.InstanceAsync(id))["input"]?["motionId"]?.GetValue<Guid>() is { } startedBy)
                lock (motions) motions[id] = startedBy;
        }
        lock (motions) return motions.Where(m => m.Value == motion).Select(m => m.Key).ToList();
    }

    /// <summary>
    /// <c>disposition-follow-up</c>: a case opened at the disposition service starts it; the officer records the five steps after
    /// initiation at the disposition service, naming the procedure, whose result events resume it; it then waits a month for the
    /// first follow-up talk and, beside it, for a reinstatement.
    /// </summary>
    public async Task<DrivenProcedure> DispositionAsync(Drive drive)
    {
        var cadre = Guid.NewGuid();
        drive.Cadre = cadre;
        drive.Stage = "opening the case";
        var caseId = Id(await system.PostAsync(system.Disposition, "/api/disposition/cases", new
        {
            cadreId = cadre, source = "inspection-team", grounds = "joint inspection: absent from duty during flood prevention",
        }, OfficerToken));
        drive.Stage = "the opened case starting the procedure";
        var id = await system.StartedForAsync("disposition-follow-up", cadre);
        drive.Id = id;
        foreach (var (waits, step, notes, measure) in new (string, string, string, string?)[]
                 {
                     ("investigated", "Investigation", "verified with the unit and two colleagues", null),
                     ("analysed", "Analysis", "absence confirmed; first offence", null),
                     ("decided", "Decision", "standing committee session", "OffPostTraining"),
                     ("notified", "NotificationTalk", "told of the decision and the right to state a case", null),
                     ("filed", "FilingAndTracking", "filed with the municipal organization department", null),
                 })
        {
            drive.Stage = waits;
            await system.ReachesAsync(id, waits);
            drive.Stage = $"{waits}: recording the step at the disposition service";
            await system.PostAsync(system.Disposition, $"/api/disposition/cases/{caseId}/steps", new { step, notes, measure, procedureId = id }, OfficerToken);
        }

        return new DrivenProcedure("disposition-follow-up", id, "monthly",
            ["caseOpened", "newCase", "admonishment", "investigated", "analysed", "decided", "notified", "filed", "caseStage", "followUp"],
            async () =>
            {
                var steps = (await system.GetAsync(system.Disposition, $"/api/disposition/cases/{caseId}/steps", OfficerToken)).AsArray()
                    .GroupBy(s => s!["step"]?.ToString() ?? "").ToDictionary(g => $"case step {g.Key}", g => g.Count());
                steps["disposition procedures of the cadre"] = (await system.InstancesAsync("disposition-follow-up", cadre)).Count;
                steps["cases of the cadre"] = await Count(system.Disposition, $"/api/disposition/cases?cadreId={cadre}", OfficerToken);
                return steps;
            }, Waits: 2);
    }

    /// <summary>
    /// <c>leader-departure</c>: a departure audit requested at the audit service starts it; the procedure asks the audit service to
    /// follow the audit, the auditor records the result, and the procedure clears the departure and finishes.
    /// </summary>
    public async Task<DrivenProcedure> DepartureAsync(Drive drive)
    {
        var leader = Guid.NewGuid();
        drive.Cadre = leader;
        drive.Stage = "recording the audit unit";
        var unit = Id(await system.PostAsync(system.Audit, "/api/audit/units", new
        {
            name = $"Transport bureau {leader:N}"[..30], annualBudget = 6_000_000m, leaderCadreId = leader, leaderTenureStart = new DateOnly(2024, 3, 1),
        }, AuditorToken));
        drive.Stage = "requesting the departure audit";
        var departure = Id(await system.PostAsync(system.Audit, "/api/audit/departures", new { cadreId = leader, unitId = unit }, ClerkToken));
        drive.Stage = "the departure request starting the procedure";
        var id = await system.StartedForAsync("leader-departure", leader);
        drive.Id = id;
        drive.Stage = "requestDepartureAudit";
        await system.ReachesAsync(id, "requestDepartureAudit");
        drive.Stage = "the audit service following the departure audit";
        await system.Until(async () =>
            (await system.GetAsync(system.Audit, $"/api/audit/departures/{departure}", AuditorToken))["procedureId"]?.GetValue<Guid>() == id ? (object)true : null,
            $"departure audit {departure} to be followed by procedure {id}");
        drive.Stage = "recording the audit result";
        await system.PostAsync(system.Audit, "/api/audit/results", new
        {
            unitId = unit, cadreId = leader, year = Today.Year, rating = "Satisfactory", departureAuditId = departure,
        }, AuditorToken);

        return new DrivenProcedure("leader-departure", id, null, ["departureRequested", "requestDepartureAudit", "clearDeparture", "cleared"],
            async () =>
            {
                var stored = await system.GetAsync(system.Audit, $"/api/audit/departures/{departure}", AuditorToken);
                return new Dictionary<string, int>
                {
                    ["departure procedures of the leader"] = (await system.InstancesAsync("leader-departure", leader)).Count,
                    ["departure audits cleared"] = stored["status"]?.GetValue<string>() == "Cleared" ? 1 : 0,
                };
            });
    }
}
