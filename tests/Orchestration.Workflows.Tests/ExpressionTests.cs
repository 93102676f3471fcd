using System.Text.Json.Nodes;
using Jint.Runtime;
using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Definitions;
using Orchestration.Workflows.Expressions;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;
using X = Orchestration.Workflows.Expressions.Expressions;

namespace Orchestration.Workflows.Tests;

/// <summary>JavaScript and Liquid expressions as a real Elsa 3 server evaluates them: its functions, its template context, its parsing.</summary>
public sealed class ExpressionTests
{
    static readonly ExpressionWorkflow Procedure = new("0193a6f0-0000-7000-8000-000000000001", "cadre-appointment", "cadre-appointment-v3", 3, "Cadre appointment");

    static ExpressionScope Scope(JsonObject? variables = null, JsonObject? input = null, JsonNode? lastResult = null, bool legacy = false) =>
        new(variables ?? new JsonObject { ["Counter"] = 2, ["post"] = "Deputy" }, input ?? new JsonObject { ["cadreId"] = "c-1", ["Message"] = "hi" }, lastResult)
        {
            Workflow = Procedure,
            InputNames = ["Message"],
            LegacyGlobals = legacy,
            Today = new DateOnly(2026, 3, 2),
        };

    static JsonNode? Js(string code, ExpressionScope? scope = null) => X.Evaluate(JavaScript(code), scope ?? Scope());

    static JsonNode? Liquid(string template, ExpressionScope? scope = null) => X.Evaluate(new JsonObject
    {
        ["typeName"] = "String",
        ["expression"] = new JsonObject { ["type"] = "Liquid", ["value"] = template },
    }, scope ?? Scope());

    [Fact]
    public void A_top_level_return_is_the_value_of_the_script() => Js("if (getCounter() > 1) return 'many'; return 'few';")!.GetValue<string>().ShouldBe("many");

    [Fact]
    public void A_top_level_return_parses_as_Elsa_reads_it() => X.JavaScriptError("return false;").ShouldBeNull();

    [Fact]
    public void A_script_that_does_not_parse_is_named_with_the_parser_message() => X.JavaScriptError("return (;").ShouldNotBeNull();

    [Fact]
    public void GetVariable_reads_a_variable_and_null_for_an_unknown_one()
    {
        Js("getVariable('Counter')")!.GetValue<double>().ShouldBe(2);
        Js("getVariable('Nothing') === null")!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void SetVariable_writes_a_variable()
    {
        var scope = Scope();
        Js("setVariable('Counter', 7)", scope);
        scope.Variables["Counter"]!.GetValue<double>().ShouldBe(7);
    }

    [Fact]
    public void Variables_x_is_read_and_written()
    {
        var scope = Scope();
        Js("variables.Counter = variables.Counter + 1; return variables.post;", scope)!.GetValue<string>().ShouldBe("Deputy");
        scope.Variables["Counter"]!.GetValue<double>().ShouldBe(3);
    }

    [Fact]
    public void Each_variable_has_a_getter_and_setter_in_Pascal_case()
    {
        var scope = Scope();
        Js("setCounter(getCounter() + 1); setPost(getPost() + ' Head'); getCounter()", scope)!.GetValue<double>().ShouldBe(3);
        scope.Variables["post"]!.GetValue<string>().ShouldBe("Deputy Head");
    }

    [Fact]
    public void A_variable_whose_name_is_not_letters_and_digits_has_no_accessor_as_in_Elsa() =>
        Should.Throw<JavaScriptException>(() => Js("getMy_var()", Scope(new JsonObject { ["my_var"] = 1 })));

    [Fact]
    public void GetInput_reads_the_input_ignoring_case_and_null_when_absent()
    {
        Js("getInput('cadreId')")!.GetValue<string>().ShouldBe("c-1");
        Js("getInput('CADREID')")!.GetValue<string>().ShouldBe("c-1");
        Js("getInput('missing') ?? 5")!.GetValue<double>().ShouldBe(5);
    }

    [Fact]
    public void A_declared_input_has_its_accessor() => Js("`received: ${getMessage()}`")!.GetValue<string>().ShouldBe("received: hi");

    [Fact]
    public void GetLastResult_is_the_last_domain_result_and_null_before_one()
    {
        Js("getLastResult().outcome", Scope(lastResult: new JsonObject { ["outcome"] = "Passed" }))!.GetValue<string>().ShouldBe("Passed");
        Js("getLastResult() === null")!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void The_procedure_ids_are_those_of_the_instance_and_its_definition()
    {
        Js("getWorkflowInstanceId()")!.GetValue<string>().ShouldBe(Procedure.InstanceId);
        Js("getCorrelationId()")!.GetValue<string>().ShouldBe(Procedure.InstanceId);
        Js("getWorkflowDefinitionId()")!.GetValue<string>().ShouldBe("cadre-appointment");
        Js("getWorkflowDefinitionVersionId()")!.GetValue<string>().ShouldBe("cadre-appointment-v3");
        Js("getWorkflowDefinitionVersion()")!.GetValue<double>().ShouldBe(3);
        Js("getWorkflowInstanceName()")!.GetValue<string>().ShouldBe("Cadre appointment");
    }

    [Fact]
    public void Changing_the_correlation_id_is_refused_with_a_reason() =>
        Should.Throw<JavaScriptException>(() => Js("setCorrelationId('x')")).Message.ShouldContain("instance id");

    [Fact]
    public void The_text_helpers_answer_as_in_Elsa()
    {
        Js("isNullOrWhiteSpace('  ') && isNullOrWhiteSpace(null) && !isNullOrWhiteSpace('a')")!.GetValue<bool>().ShouldBeTrue();
        Js("isNullOrEmpty('') && !isNullOrEmpty(' ')")!.GetValue<bool>().ShouldBeTrue();
        Js("toJson({ a: 1, b: '干部' })")!.GetValue<string>().ShouldBe("{\"a\":1,\"b\":\"干部\"}");
        Js("stringToBase64('干部 ok')")!.GetValue<string>().ShouldBe(Convert.ToBase64String("干部 ok"u8.ToArray()));
        Js("stringFromBase64('" + Convert.ToBase64String("干部 ok"u8.ToArray()) + "')")!.GetValue<string>().ShouldBe("干部 ok");
    }

    [Fact]
    public void The_guid_helpers_make_and_read_guids()
    {
        Guid.TryParse(Js("newGuid()")!.GetValue<string>(), out _).ShouldBeTrue();
        Guid.TryParse(Js("newGuidString()")!.GetValue<string>(), out _).ShouldBeTrue();
        Js("newShortGuid()")!.GetValue<string>().Length.ShouldBe(22);
        Js("parseGuid('{0193A6F0-0000-7000-8000-000000000001}')")!.GetValue<string>().ShouldBe("0193a6f0-0000-7000-8000-000000000001");
        Should.Throw<JavaScriptException>(() => Js("parseGuid('not a guid')"));
    }

    [Fact]
    public void The_non_Elsa_globals_input_and_lastResult_are_gone_by_default()
    {
        Should.Throw<JavaScriptException>(() => Js("input.cadreId")).Message.ShouldContain("input");
        Should.Throw<JavaScriptException>(() => Js("lastResult.outcome", Scope(lastResult: new JsonObject { ["outcome"] = "Passed" })));
    }

    [Fact]
    public void The_legacy_option_gives_the_globals_input_and_lastResult_back()
    {
        var scope = Scope(lastResult: new JsonObject { ["outcome"] = "Passed" }, legacy: true);
        Js("input.cadreId + ':' + lastResult.outcome", scope)!.GetValue<string>().ShouldBe("c-1:Passed");
    }

    [Fact]
    public void Liquid_renders_variables_input_and_the_procedure_ids_as_Elsa_names_them()
    {
        Liquid("{{ Variables.post }} #{{ Variables.Counter }} for {{ Input.cadreId }}")!.GetValue<string>().ShouldBe("Deputy #2 for c-1");
        Liquid("{{ WorkflowInstanceId }}|{{ CorrelationId }}|{{ WorkflowDefinitionId }}|{{ WorkflowDefinitionVersionId }}|{{ WorkflowDefinitionVersion }}")!
            .GetValue<string>().ShouldBe($"{Procedure.InstanceId}|{Procedure.InstanceId}|cadre-appointment|cadre-appointment-v3|3");
    }

    [Fact]
    public void Liquid_is_not_HTML_encoded_and_its_filters_and_tags_work() =>
        Liquid("{% if Variables.Counter > 1 %}{{ Variables.post | upcase }} & co{% endif %}")!.GetValue<string>().ShouldBe("DEPUTY & co");

    [Fact]
    public void An_empty_Liquid_template_is_null() => Liquid("  ").ShouldBeNull();

    [Fact]
    public void A_Liquid_template_that_does_not_parse_is_named() => X.LiquidError("{% if %}").ShouldNotBeNull();

    static IReadOnlyList<DefinitionProblem> Validate(JsonObject activity) =>
        DefinitionValidator.Validate(ElsaJson.Normalize(Flowchart("d", [activity], [])), ActivityRegistry.CreateDefault());

    static JsonObject Expression(string type, string value) => new() { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = type, ["value"] = value } };

    [Fact]
    public void Saving_refuses_a_Liquid_template_that_does_not_parse_and_accepts_one_that_does()
    {
        Validate(Activity("w", "Elsa.WriteLine").With("text", Expression("Liquid", "{% if %}"))).ShouldHaveSingleItem().Message.ShouldContain("Liquid");
        Validate(Activity("w", "Elsa.WriteLine").With("text", Expression("Liquid", "{{ Variables.x }}"))).ShouldBeEmpty();
    }

    [Fact]
    public void Saving_accepts_a_top_level_return_and_refuses_a_script_that_does_not_parse()
    {
        Validate(Activity("d", "Elsa.FlowDecision").With("condition", Expression("JavaScript", "return false;"))).ShouldBeEmpty();
        Validate(Activity("d", "Elsa.FlowDecision").With("condition", Expression("JavaScript", "return (;"))).ShouldHaveSingleItem();
    }

    [Fact]
    public void Saving_refuses_an_expression_type_the_runtime_does_not_evaluate() =>
        Validate(Activity("w", "Elsa.WriteLine").With("text", Expression("CSharp", "\"x\""))).ShouldHaveSingleItem().Message.ShouldContain("CSharp");

    [Fact]
    public void Saving_refuses_a_FlowSwitch_case_condition_that_does_not_parse()
    {
        var grade = Activity("grade", "Elsa.FlowSwitch");
        grade["cases"] = new JsonArray(new JsonObject { ["label"] = "A", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "getInput('score') >= " } });
        Validate(grade).ShouldHaveSingleItem().Message.ShouldContain("grade.cases[0]");
    }
}
