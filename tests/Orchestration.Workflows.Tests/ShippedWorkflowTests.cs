using System.Text.Json.Nodes;
using Jint;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Expressions;
using Shouldly;
using Xunit;

namespace Orchestration.Workflows.Tests;

/// <summary>The definitions kept with the product (<c>workflows/*.json</c>) use only the JavaScript a real Elsa 3 server understands.</summary>
public sealed class ShippedWorkflowTests
{
    public static TheoryData<string> Files() => [.. ShippedFiles()];

    static IEnumerable<string> ShippedFiles() => Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Workflows"), "*.json").Select(f => Path.GetFileName(f)!);

    [Theory]
    [MemberData(nameof(Files))]
    public void Each_shipped_workflow_names_no_global_that_Elsa_lacks(string file)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", file)))!.AsObject();
        var accessors = (definition["variables"] as JsonArray ?? []).Select(v => v!["name"]!.GetValue<string>()).Where(JavaScriptExpressions.HasAccessors)
            .SelectMany(name => new[] { JavaScriptExpressions.Accessor("get", name), JavaScriptExpressions.Accessor("set", name) })
            .Concat((definition["inputs"] as JsonArray ?? []).Select(i => "get" + i!["name"]!.GetValue<string>()))
            .ToHashSet(StringComparer.Ordinal);
        var standard = new Engine().Global;
        var scripts = DefinitionValidator.Scripts(Flowchart.Parse(definition)).Select(s => s.Code).ToList();
        scripts.ShouldNotBeEmpty();

        var foreign = scripts
            .SelectMany(code => (JavaScriptExpressions.ReferencedGlobals(code) ?? throw new ShouldAssertException($"does not parse: {code}"))
                .Select(name => (name, code)))
            .Where(g => !JavaScriptExpressions.ElsaGlobals.Contains(g.name) && !accessors.Contains(g.name) && !standard.HasProperty(g.name))
            .Select(g => $"{g.name} in: {g.code}")
            .ToList();

        foreign.ShouldBeEmpty();
    }

    /// <summary>Elsa Studio reads a String[] input (a Fork's branches) as a JSON array: a comma-separated literal stops the designer drawing.</summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void Each_shipped_list_input_is_a_json_array_the_Studio_can_read(string file)
    {
        var definition = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", file)))!.AsObject();
        var unreadable = new List<string>();
        foreach (var activity in Flowcharts(definition["root"]!.AsObject()).SelectMany(Activities))
            foreach (var (name, input) in activity)
                if (input is JsonObject { } wrapped && wrapped["typeName"]?.GetValue<string>() == "String[]" && wrapped["expression"] is JsonObject expression
                    && expression["type"]?.GetValue<string>() is "Literal" or "Object"
                    && !(expression["value"]?.GetValue<string>() is { } value && value.TrimStart().StartsWith('[') && JsonNode.Parse(value) is JsonArray))
                    unreadable.Add($"{activity["id"]}.{name}");

        unreadable.ShouldBeEmpty();
    }

    [Fact]
    public void The_check_catches_the_globals_input_and_lastResult()
    {
        JavaScriptExpressions.ReferencedGlobals("input.cadreId + lastResult.outcome + getInput('x')")!.ShouldBe(["input", "lastResult", "getInput"], ignoreOrder: true);
        JavaScriptExpressions.LegacyGlobalsIn("var input = 1; return input + getLastResult().x").ShouldBeEmpty();
        new Engine().Global.HasProperty("input").ShouldBeFalse();
    }

    static JsonObject Definition(string file) => JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", file)))!.AsObject();

    /// <summary>A flowchart and every flowchart nested in it (the appointment's stages), each drawn on a canvas of its own.</summary>
    static IEnumerable<JsonObject> Flowcharts(JsonObject flowchart) =>
        Activities(flowchart).Where(a => a["type"]!.GetValue<string>() == "Elsa.Flowchart").SelectMany(Flowcharts).Prepend(flowchart);

    static IEnumerable<JsonObject> Activities(JsonObject flowchart) => flowchart["activities"]!.AsArray().OfType<JsonObject>();

    static IEnumerable<(string From, string Port, string To)> Connections(JsonObject flowchart) =>
        flowchart["connections"]!.AsArray().Select(c => (c!["source"]!["activity"]!.GetValue<string>(), c["source"]!["port"]!.GetValue<string>(),
            c["target"]!["activity"]!.GetValue<string>()));

    public static TheoryData<string, string> Canvases()
    {
        var canvases = new TheoryData<string, string>();
        foreach (var file in ShippedFiles())
            foreach (var flowchart in Flowcharts(Definition(file)["root"]!.AsObject()))
                canvases.Add(file, flowchart["id"]!.GetValue<string>());
        return canvases;
    }

    static JsonObject Canvas(string file, string flowchart) => Flowcharts(Definition(file)["root"]!.AsObject()).Single(f => f["id"]!.GetValue<string>() == flowchart);

    /// <summary>
    /// A floor, not the drawn size: activities closer than this are taken to overlap. The designer draws none narrower than about 200
    /// or shorter than 54; how wide each is drawn depends on its name, and the Studio's browser test checks the boxes as drawn.
    /// </summary>
    const double NodeWidth = 260, NodeHeight = 120;

    [Theory]
    [MemberData(nameof(Canvases))]
    public void Each_shipped_workflow_places_no_activity_on_top_of_another(string file, string flowchart)
    {
        var placed = Activities(Canvas(file, flowchart))
            .Select(a => (Id: a!["id"]!.GetValue<string>(), Position: a["metadata"]?["designer"]?["position"]))
            .ToList();
        placed.ShouldAllBe(p => p.Position != null, "every activity has a position in the designer");
        var overlapping = (from a in placed
                           from b in placed
                           where string.CompareOrdinal(a.Id, b.Id) < 0
                           let dx = Math.Abs(a.Position!["x"]!.GetValue<double>() - b.Position!["x"]!.GetValue<double>())
                           let dy = Math.Abs(a.Position!["y"]!.GetValue<double>() - b.Position!["y"]!.GetValue<double>())
                           where dx < NodeWidth && dy < NodeHeight
                           select $"{a.Id} and {b.Id}").ToList();
        overlapping.ShouldBeEmpty();
    }

    /// <summary>
    /// No canvas holds more than a full-HD screen shows at a readable scale: a longer procedure is drawn as stages (nested flowcharts),
    /// as the appointment, the village pay year (quarters, grading, selection, pay) and the disposition follow-up (case, follow-up) are.
    /// </summary>
    [Theory]
    [MemberData(nameof(Canvases))]
    public void Each_canvas_of_a_shipped_workflow_holds_no_more_than_a_screen(string file, string flowchart) =>
        Activities(Canvas(file, flowchart)).Count().ShouldBeLessThanOrEqualTo(15, $"{file} {flowchart}");

    /// <summary>A connection drawn twice runs its target twice: each port leads to each target once.</summary>
    [Theory]
    [MemberData(nameof(Canvases))]
    public void Each_connection_of_a_shipped_workflow_is_drawn_once(string file, string flowchart) =>
        Connections(Canvas(file, flowchart)).GroupBy(c => c).Where(g => g.Count() > 1).Select(g => $"{g.Key.From}.{g.Key.Port}->{g.Key.To}").ShouldBeEmpty();

    /// <summary>A nested flowchart starts at what nothing in it leads into (as the runtime and Elsa start it); the root at its trigger.</summary>
    [Theory]
    [MemberData(nameof(Canvases))]
    public void Each_domain_step_of_a_shipped_workflow_leaves_on_ports_its_service_answers_and_every_activity_is_reached(string file, string flowchart)
    {
        var root = Canvas(file, flowchart);
        var nested = flowchart != Definition(file)["root"]!["id"]!.GetValue<string>();
        var activities = Activities(root).ToDictionary(a => a["id"]!.GetValue<string>(), a => a["type"]!.GetValue<string>());
        var connections = Connections(root).ToList();
        var registry = ActivityRegistry.CreateDefault();

        var wrongPorts = connections.Where(c => activities[c.From].StartsWith("Orchestration.", StringComparison.Ordinal))
            .Where(c => registry.Find(activities[c.From]) is not { } type
                        || !type.Descriptor["ports"]!.AsArray().Any(p => p!["name"]!.GetValue<string>() == c.Port))
            .Select(c => $"{c.From}.{c.Port}").ToList();
        wrongPorts.ShouldBeEmpty();

        var starts = nested
            ? activities.Keys.Where(id => !connections.Any(c => c.To == id)).ToList()
            : Activities(root).Where(a => a["customProperties"]?["canStartWorkflow"]?.GetValue<bool>() == true).Select(a => a["id"]!.GetValue<string>()).ToList();
        if (nested) starts.ShouldHaveSingleItem("a stage begins at one step");
        var reached = new HashSet<string>(starts.Count > 0 ? starts : [activities.Keys.First()]);
        for (var more = true; more;)
            more = connections.Where(c => reached.Contains(c.From)).Select(c => reached.Add(c.To)).ToList().Any(added => added);
        activities.Keys.Except(reached).ShouldBeEmpty();
    }

    /// <summary>
    /// The appointment procedure reaches every step the seeds require: V2 against the file, the 部务会议 choosing the inspection candidates
    /// before the inspection plan (N5), the superior's pre-filing review before the decision when a case applies (V7), a reconsideration after
    /// a rejection that returns to the vote (V6), and each report's verification inside the publicity (C4).
    /// </summary>
    [Fact]
    public void The_appointment_procedure_has_the_department_meeting_pre_filing_reconsideration_and_report_verification_where_the_seeds_put_them()
    {
        var root = Definition("cadre-appointment.json")["root"]!.AsObject();
        var types = Flowcharts(root).SelectMany(Activities).ToDictionary(a => a["id"]!.GetValue<string>(), a => a["type"]!.GetValue<string>());
        var next = Flowcharts(root).SelectMany(Connections).ToLookup(c => $"{c.From}.{c.Port}", c => c.To);
        var stageOf = Flowcharts(root).Skip(1).SelectMany(stage => Activities(stage).Select(a => (Id: a["id"]!.GetValue<string>(), Stage: stage)))
            .ToDictionary(a => a.Id, a => a.Stage);
        // A port that leads nowhere inside its stage ends the stage: the procedure goes on at the next stage's first step.
        string Then(string activity, string port) => next[$"{activity}.{port}"].SingleOrDefault() is { } target ? target
            : stageOf[activity] is var stage && next[$"{stage["id"]}.Done"].Single() is var following
                ? Activities(Canvas("cadre-appointment.json", following)).Select(a => a["id"]!.GetValue<string>())
                    .Single(id => !Connections(Canvas("cadre-appointment.json", following)).Any(c => c.To == id))
                : throw new ShouldAssertException($"{activity}.{port} leads nowhere");

        types["awaitAgesAndHistory"].ShouldBe("Orchestration.Vetting.AgesAndHistoryVerified");
        types[Then("awaitAgesAndHistory", "Passed")].ShouldBe("Orchestration.Nomination.DepartmentMeetingHeld");
        Then(Then("awaitAgesAndHistory", "Passed"), "Passed").ShouldBe("awaitInspectionPlan");

        Then("awaitDeliberation", "Passed").ShouldBe("checkPreFiling");
        Then("checkPreFiling", "NotRequired").ShouldBe("awaitMeeting");
        types[Then("checkPreFiling", "Required")].ShouldBe("Orchestration.Vetting.PreFilingReviewed");
        types[Then(Then("checkPreFiling", "Required"), "Failed")].ShouldBe("Elsa.Finish");

        Then("awaitMeeting", "Rejected").ShouldBe("recordDecisionFailure");
        types.Where(t => t.Value == "Orchestration.Vetting.ReconsiderationDecided").ShouldHaveSingleItem();
        types.Where(t => t.Value == "Elsa.FlowJoin").ShouldHaveSingleItem();
        next.Where(g => g.Contains("awaitMeeting")).Select(g => g.Key).ShouldContain("wasReconsidered.True");

        Then("closePublicity", "Pending").ShouldBe("reportsBeingVerified");
        Then("reportsBeingVerified", "True").ShouldBe("awaitReportVerification");
        types["awaitReportVerification"].ShouldBe("Orchestration.Vetting.ReportVerified");
        foreach (var port in new[] { "Passed", "Failed", "Referred" }) Then("awaitReportVerification", port).ShouldBe("closePublicity");
        Then("closePublicity", "Failed").ShouldBe("reportConfirmed");
    }

    /// <summary>
    /// The appointment is drawn as its five stages (提名与推荐, 考察, 讨论决定, 任前公示, 任职与试用期), each a flowchart the designer opens on
    /// double-click, in the order the procedure runs them; that each fits a screen is
    /// <see cref="Each_canvas_of_a_shipped_workflow_holds_no_more_than_a_screen"/>.
    /// </summary>
    [Fact]
    public void The_appointment_procedure_is_drawn_as_its_five_stages_in_order()
    {
        var root = Definition("cadre-appointment.json")["root"]!.AsObject();
        Activities(root).Where(a => a["type"]!.GetValue<string>() == "Elsa.Flowchart").Select(a => a["id"]!.GetValue<string>())
            .ShouldBe(["nominationStage", "inspectionStage", "decisionStage", "publicityStage", "probationStage"]);
        Activities(root).Count().ShouldBe(6);
        Connections(root).Select(c => $"{c.From}.{c.Port}->{c.To}").ShouldBe([
            "motionApproved.Done->nominationStage", "nominationStage.Done->inspectionStage", "inspectionStage.Done->decisionStage",
            "decisionStage.Done->publicityStage", "publicityStage.Done->probationStage"]);
        Flowcharts(root).SelectMany(Activities).Count(a => a["type"]!.GetValue<string>() != "Elsa.Flowchart").ShouldBe(51);
    }
}
