namespace Orchestration.Deployment.Tests.Support;

/// <summary>Paths in the repository under test (found from the test binaries upward).</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Orchestration.sln")))
                return directory.FullName;
        throw new InvalidOperationException($"No Orchestration.sln above {AppContext.BaseDirectory}.");
    }
}

/// <summary>The six deployable services: chart name, project (and assembly) name, ConnectionStrings name.</summary>
public sealed record DeployedService(string Name, string Project, string Database)
{
    public static readonly IReadOnlyList<DeployedService> All =
    [
        new("workflow-server", "Orchestration.WorkflowServer", "Workflows"),
        new("nomination", "Orchestration.Nomination", "Nomination"),
        new("vetting", "Orchestration.Vetting", "Vetting"),
        new("audit", "Orchestration.Audit", "Audit"),
        new("disposition", "Orchestration.Disposition", "Disposition"),
        new("village-pay", "Orchestration.VillagePay", "VillagePay"),
    ];

    /// <summary>The five domain services: partner departments reach them through Dapr.</summary>
    public static IEnumerable<DeployedService> Domain => All.Where(s => s.Name != "workflow-server");

    public static DeployedService Named(string name) => All.Single(s => s.Name == name);

    public override string ToString() => Name;
}
