using System.Text.Json.Nodes;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Definitions;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Workflows.Tests;

/// <summary>The Elsa 3 definition format, and what the runtime refuses to run.</summary>
public sealed class DefinitionTests
{
    static readonly ActivityRegistry Registry = ActivityRegistry.CreateDefault();

    [Fact]
    public void An_Elsa_export_survives_a_load_and_a_save_unchanged()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Samples", "reminder-escalation.json");
        var original = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var expected = (JsonObject)original.DeepClone();
        expected.Remove("$schema");

        var saved = JsonNode.Parse(ElsaJson.Serialize(ElsaJson.Normalize((JsonObject)original.DeepClone())))!;

        JsonNode.DeepEquals(saved, expected).ShouldBeTrue(saved.ToJsonString());
    }

    [Fact]
    public void The_export_carries_the_schema_first()
    {
        var exported = ElsaJson.Serialize(ElsaJson.Normalize(Flowchart("x", [Activity("a", "Elsa.Start")], [])), withSchema: true);

        exported.ShouldStartWith($"{{\"$schema\":\"{ElsaJson.Schema}\"");
    }

    [Fact]
    public void Legacy_flat_connections_and_missing_node_ids_are_normalized()
    {
        var definition = JsonNode.Parse("""
            { "definitionId": "legacy", "root": { "id": "fc", "type": "Elsa.Flowchart",
              "activities": [ { "id": "a", "type": "Elsa.Start" }, { "id": "b", "type": "Elsa.End" } ],
              "connections": [ { "source": "a", "target": "b", "sourcePort": "Done", "targetPort": "In" } ] } }
            """)!.AsObject();

        ElsaJson.Normalize(definition);

        definition["root"]!["nodeId"]!.GetValue<string>().ShouldBe("Workflow1:fc");
        definition["root"]!["activities"]![1]!["nodeId"]!.GetValue<string>().ShouldBe("Workflow1:fc:b");
        var connection = definition["root"]!["connections"]![0]!;
        connection["source"]!["activity"]!.GetValue<string>().ShouldBe("a");
        connection["target"]!["port"]!.GetValue<string>().ShouldBe("In");
        connection["vertices"].ShouldBeOfType<JsonArray>();
    }

    [Fact]
    public void Each_invalid_activity_is_named()
    {
        var definition = ElsaJson.Normalize(Flowchart("broken",
            [
                Activity("start", "Elsa.Start"),
                Activity("mystery", "Acme.Unknown"),
                Activity("check", "Elsa.FlowDecision").With("condition", JavaScript("getVariable('x' >")),
                Activity("a", "Elsa.WriteLine", ("text", "a")),
                Activity("b", "Elsa.WriteLine", ("text", "b")),
            ],
            [("start", "Done", "mystery"), ("start", "Done", "ghost"), ("a", "Done", "b"), ("b", "Done", "a")]));

        var problems = DefinitionValidator.Validate(definition, Registry);

        problems.ShouldContain(p => p.ActivityId == "mystery" && p.Message.Contains("mystery is a missing activity: its type 'Acme.Unknown'"));
        problems.ShouldContain(p => p.ActivityId == "ghost" && p.Message.Contains("not in the flowchart"));
        problems.ShouldContain(p => p.ActivityId == "check" && p.Message.Contains("JavaScript"));
        problems.Count.ShouldBe(3); // the loop a → b → a without a wait is allowed, as in Elsa: the step budget guards the run
    }

    [Fact]
    public void An_unknown_type_is_a_missing_activity_a_draft_keeps_and_publishing_refuses_naming_it()
    {
        var definition = ElsaJson.Normalize(Flowchart("imported",
            [Activity("start", "Elsa.Start"), Activity("mystery", "Acme.Unknown")], [("start", "Done", "mystery")]));

        DefinitionValidator.Validate(definition, Registry, publishing: false).ShouldBeEmpty();
        DefinitionValidator.Validate(definition, Registry, publishing: true).ShouldHaveSingleItem()
            .Message.ShouldBe("mystery is a missing activity: its type 'Acme.Unknown' is not known to this server; replace or remove it before publishing.");
    }

    [Fact]
    public void A_delay_without_a_duration_is_kept_in_a_draft_and_refused_at_publishing_naming_it_and_any_one_duration_is_enough()
    {
        JsonObject Waiting(params (string Input, object Value)[] inputs) => ElsaJson.Normalize(Flowchart("wait",
            [Activity("start", "Elsa.Start"), Activity("pause", "Elsa.Delay", inputs), Activity("end", "Elsa.End")],
            [("start", "Done", "pause"), ("pause", "Done", "end")]));

        DefinitionValidator.Validate(Waiting(), Registry, publishing: false).ShouldBeEmpty();
        var refused = DefinitionValidator.Validate(Waiting(), Registry, publishing: true).ShouldHaveSingleItem();
        refused.ActivityId.ShouldBe("pause");
        refused.Message.ShouldStartWith("pause: set timeSpan or workingDays or months before publishing");
        DefinitionValidator.Validate(Waiting(("timeSpan", "")), Registry, publishing: true).ShouldHaveSingleItem().ActivityId.ShouldBe("pause");

        DefinitionValidator.Validate(Waiting(("workingDays", 5)), Registry, publishing: true).ShouldBeEmpty();
        DefinitionValidator.Validate(Waiting(("timeSpan", "00:05:00")), Registry, publishing: true).ShouldBeEmpty();
        var computed = Waiting();
        computed["root"]!["activities"]![1]!["months"] = JavaScript("getVariable('ProbationMonths')");
        DefinitionValidator.Validate(computed, Registry, publishing: true).ShouldBeEmpty();
    }

    [Fact]
    public void An_event_without_a_name_cannot_be_published()
    {
        var definition = ElsaJson.Normalize(Flowchart("named", [Activity("start", "Elsa.Start"), Activity("signal", "Elsa.Event")], [("start", "Done", "signal")]));
        DefinitionValidator.Validate(definition, Registry, publishing: true).ShouldHaveSingleItem().Message.ShouldContain("set eventName");
    }

    [Fact]
    public void Two_nested_activities_with_one_id_are_refused()
    {
        var definition = JsonNode.Parse("""
            { "definitionId": "twice", "root": { "id": "s", "type": "Elsa.Sequence", "activities": [
              { "id": "w", "type": "Elsa.WriteLine" }, { "id": "i", "type": "Elsa.If", "then": { "id": "w", "type": "Elsa.WriteLine" } } ] } }
            """)!.AsObject();

        DefinitionValidator.Validate(ElsaJson.Normalize(definition), Registry).ShouldContain(p => p.ActivityId == "w" && p.Message.Contains("two activities have this id"));
    }

    [Fact]
    public void A_cycle_through_a_waiting_activity_is_allowed()
    {
        var definition = ElsaJson.Normalize(Flowchart("revisits",
            [Activity("wait", "Elsa.Delay", ("months", 3)), Activity("again", "Elsa.WriteLine", ("text", "revisit"))],
            [("wait", "Done", "again"), ("again", "Done", "wait")]));

        DefinitionValidator.Validate(definition, Registry).ShouldBeEmpty();
    }

    [Fact]
    public void Domain_commands_are_activities_named_in_English_and_Chinese_per_service()
    {
        var decision = Registry.Find("Orchestration.Vetting.HoldDecisionMeeting").ShouldBeOfType<DomainCommandActivity>();

        decision.Descriptor["category"]!.GetValue<string>().ShouldBe("Vetting");
        decision.Descriptor["displayName"]!.GetValue<string>().ShouldContain("Hold decision meeting");
        decision.Descriptor["displayName"]!.GetValue<string>().ShouldContain("常委会讨论决定");
        decision.Descriptor["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>())
            .ShouldBe(["Approved", "Rejected", "QuorumMissing", "Deferred"]);
        var inputs = decision.Descriptor["inputs"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).ToList();
        inputs.ShouldContain("MembersPresent");
        inputs.ShouldNotContain("ProcedureId");
        inputs.ShouldNotContain("TenantId");
        Registry.DomainActivities.Select(a => a.Service).Distinct().ShouldBe(["Audit", "Disposition", "Nomination", "Vetting", "VillagePay"], ignoreOrder: true);
    }

    public static TheoryData<string> ProductDefinitions() => new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Workflows"), "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(ProductDefinitions))]
    public void The_product_definitions_are_valid_and_stable_Elsa_exports(string file)
    {
        var original = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Workflows", file)))!.AsObject();

        var normalized = ElsaJson.Normalize((JsonObject)original.DeepClone());

        DefinitionValidator.Validate(normalized, Registry).ShouldBeEmpty();
        JsonNode.DeepEquals(JsonNode.Parse(ElsaJson.Serialize(normalized)), original).ShouldBeTrue(file);
    }
}
