using System.Diagnostics;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace Orchestration.EndToEnd.Tests;

/// <summary>What ops teams follow: one trace per chain of steps across the services, linked to the next one across a timer wait.</summary>
public sealed class TracingTests(ProcedureSystem system, ITestOutputHelper output) : IClassFixture<ProcedureSystem>
{
    [Fact]
    public async Task A_step_chain_is_one_trace_across_the_services_and_a_timer_wait_links_to_the_trace_that_set_it()
    {
        var cadre = new AppointmentProcedure(system);
        var procedure = await cadre.MotionApprovedAsync();
        await cadre.NominatedAsync();
        await cadre.RecommendationCountedAsync();
        await cadre.InspectedAsync(); // the disclosure posting waits five working days on a timer

        var spans = system.Spans.Snapshot();
        IEnumerable<Activity> Steps(string activityId) => spans.Where(s =>
            s.GetTagItem("workflow.instance.id")?.ToString() == procedure.ToString() && s.GetTagItem("workflow.activity.id")?.ToString() == activityId);

        // The clerk recorded the nomination at the nomination service, naming the procedure; its answer resumed the waiting step: one
        // trace from the clerk's call through the service's database work and outbox to the workflow server's resume.
        var resumed = Steps("awaitNominee").Single(s => s.Links.Any());
        var trace = resumed.TraceId;
        var inTrace = spans.Where(s => s.TraceId == trace).ToList();
        foreach (var span in inTrace.OrderBy(s => s.StartTimeUtc)) output.WriteLine($"{span.Source.Name} {span.DisplayName}");
        inTrace.ShouldContain(s => s.DisplayName.StartsWith("POST /api/nomination/nominations", StringComparison.Ordinal) && s.ParentSpanId == default, "the clerk's call begins it");
        inTrace.ShouldContain(s => s.DisplayName == "command Nominate", "the service's command pipeline applied it");
        inTrace.ShouldContain(s => s.DisplayName == "e2e-workflows-nomination-accepted receive", "the workflow server took the answer");
        inTrace.Count(s => s.DisplayName == "outbox dispatch").ShouldBe(2, "the answer and the cadre record's entry (C1) left the service's outbox");

        // The timer fired in a trace of its own that links back to the one that set it.
        var posting = Steps("disclosurePosting").ToList();
        var set = posting.Single(s => s.Links.Count() == 0);
        var fired = posting.Single(s => s.Links.Any());
        fired.TraceId.ShouldNotBe(set.TraceId);
        fired.Links.Single().Context.TraceId.ShouldBe(set.TraceId);
    }
}
