using Orchestration.Deployment.Tests.Support;
using Shouldly;
using Xunit;

namespace Orchestration.Deployment.Tests.Chart;

/// <summary>C5: next year's official calendar reaches every service through the chart, without a new release.</summary>
public sealed class CalendarTests(ChartRenders renders) : IClassFixture<ChartRenders>
{
    const string NextYear = """{ "year": 2027, "source": "notice", "holidays": [], "makeUpWorkingDays": [] }""";

    [Fact]
    public void Calendar_files_given_as_values_are_mounted_read_only_into_every_service_as_its_calendar_directory()
    {
        var render = ChartRender.OfWithValues(ChartRenders.ProductionValues, $"calendar:\n  files:\n    cn-2027.json: '{NextYear}'\n");

        var files = render.Single("ConfigMap", $"{ChartRender.Release}-calendar");
        files.Str("data", "cn-2027.json").ShouldBe(NextYear);
        foreach (var service in DeployedService.All)
        {
            var pod = render.Single("Deployment", ChartRender.ObjectName(service)).PodTemplate;
            var container = pod.Maps("spec", "containers").ShouldHaveSingleItem();
            container.Maps("env").ShouldContain(e => e.Str("name") == "Calendar__DataDirectory" && e.Str("value") == "/app/calendar", $"{service}");
            container.Maps("volumeMounts").ShouldContain(m => m.Str("mountPath") == "/app/calendar" && m.Str("readOnly") == "true", $"{service}");
            pod.Maps("spec", "volumes").ShouldContain(v => v.Str("configMap", "name") == $"{ChartRender.Release}-calendar", $"{service}");
            pod.Annotations.ShouldContainKey("checksum/calendar"); // a new year's file rolls the pods
        }
    }

    [Fact]
    public void Without_calendar_files_nothing_is_mounted()
    {
        renders.Production.Find("ConfigMap", $"{ChartRender.Release}-calendar").ShouldBeNull();
        foreach (var service in DeployedService.All)
            renders.Production.Single("Deployment", ChartRender.ObjectName(service)).PodTemplate
                .Maps("spec", "containers").Single().Maps("env").ShouldNotContain(e => e.Str("name") == "Calendar__DataDirectory");
    }

    [Fact]
    public void A_file_not_named_for_a_year_is_refused_by_the_values_schema()
    {
        var run = ChartRender.TemplateWithValues(ChartRenders.DefaultValues, "calendar:\n  files:\n    holidays.json: '{}'\n");
        run.ExitCode.ShouldNotBe(0);
        run.ToString().ShouldContain("calendar");
    }
}
