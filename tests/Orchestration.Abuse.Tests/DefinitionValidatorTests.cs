using Orchestration.Workflows.Activities;
using Orchestration.Workflows.Definitions;
using Shouldly;
using Xunit;
using static Orchestration.Testing.Definition;

namespace Orchestration.Abuse.Tests;

/// <summary>The validator itself on definitions too deep for a recursive walk (review finding 6).</summary>
public sealed class DefinitionValidatorTests
{
    [Fact]
    public void A_chain_of_twenty_thousand_activities_is_checked_without_overflowing_the_stack()
    {
        var registry = ActivityRegistry.CreateDefault();
        registry.Limits = new DefinitionLimits { MaxActivities = 50_000 };
        var chain = ElsaJson.Normalize(Chain("deep", 20_000));

        // On a small stack, as a request thread might have: the recursive walk needed about 19,400 frames.
        IReadOnlyList<DefinitionProblem>? problems = null;
        var thread = new Thread(() => problems = DefinitionValidator.Validate(chain, registry), maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();

        problems.ShouldNotBeNull().ShouldBeEmpty();
    }

    [Fact]
    /// <summary>
    /// As in Elsa, a loop without a waiting step is a valid definition: the runtime, not the validator, stops a runaway run at
    /// <c>Workflows:MaxStepsPerRun</c> with an incident (ActivityTests). A 10,000-activity cycle validates with no problem.
    /// </summary>
    public void A_long_cycle_without_a_wait_is_valid_and_left_to_the_step_budget()
    {
        var registry = ActivityRegistry.CreateDefault();
        registry.Limits = new DefinitionLimits { MaxActivities = 50_000 };
        var chain = Chain("loop", 10_000);
        var connections = chain["root"]!["connections"]!.AsArray();
        connections.Add(new System.Text.Json.Nodes.JsonObject
        {
            ["source"] = new System.Text.Json.Nodes.JsonObject { ["activity"] = "a9998", ["port"] = "Done" },
            ["target"] = new System.Text.Json.Nodes.JsonObject { ["activity"] = "a1", ["port"] = "In" },
        });

        var problems = DefinitionValidator.Validate(ElsaJson.Normalize(chain), registry);

        problems.ShouldBeEmpty();
    }

    [Fact]
    public void More_activities_than_the_limit_are_refused_by_count()
    {
        DefinitionValidator.Validate(ElsaJson.Normalize(Chain("wide", 501)), ActivityRegistry.CreateDefault())
            .ShouldHaveSingleItem().Message.ShouldContain("at most 500");
        DefinitionValidator.Validate(ElsaJson.Normalize(Chain("fits", 400)), ActivityRegistry.CreateDefault()).ShouldBeEmpty();
    }
}
