using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.Contracts;
using Orchestration.Contracts.Vetting;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Testing;
using Orchestration.Vetting.CadreFiles;
using Orchestration.Vetting.Data;
using Orchestration.Vetting.Decisions;
using Shouldly;

namespace Orchestration.Vetting.Tests;

/// <summary>Calls the vetting API as a user of one fresh tenant, reads JSON as the API writes it, and looks behind it into the database.</summary>
public sealed class VettingApi(ServiceHost<Program> host)
{
    public VettingApi(VettingHostFixture vetting) : this(vetting.Host) { }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public string Tenant { get; } = NewTenant();

    public static string NewTenant() => $"county-{Guid.NewGuid():N}"[..16];

    /// <summary>The county's date now, as the shared host (on the system clock) sees it.</summary>
    public static DateOnly Today => new CountyClock(TimeProvider.System).Today();

    public HttpClient Client(string? ofTenant = null, string role = Roles.OrganizationDepartment) =>
        host.CreateClientFor(ofTenant ?? Tenant, role);

    public Task<HttpResponseMessage> Post(string path, object body, string? ofTenant = null) =>
        Client(ofTenant).PostAsJsonAsync($"/api/vetting/{path}", body, Json);

    /// <summary>Posts and expects <paramref name="status"/>, then reads the answer as <typeparamref name="T"/>.</summary>
    public async Task<T> Post<T>(string path, object body, HttpStatusCode status = HttpStatusCode.Created)
    {
        var response = await Post(path, body);
        response.StatusCode.ShouldBe(status, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public async Task<T> Get<T>(string path, string? ofTenant = null) =>
        (await Client(ofTenant).GetFromJsonAsync<T>($"/api/vetting/{path}", Json))!;

    /// <summary>A 400 problem naming <paramref name="field"/> with rule <paramref name="ruleId"/>.</summary>
    public static async Task ShouldBeRefused(HttpResponseMessage response, string field, string ruleId)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("rules").GetProperty(field).GetString().ShouldBe(ruleId, body);
        problem.GetProperty("errors").TryGetProperty(field, out _).ShouldBeTrue(body);
    }

    public async Task<T> Db<T>(Func<VettingDbContext, Task<T>> query)
    {
        await using var scope = host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<VettingDbContext>());
    }

    public Task<int> Count<TEntity>() where TEntity : class =>
        Db(db => db.Set<TEntity>().CountAsync(e => EF.Property<string>(e, "TenantId") == Tenant));

    public static string[] Members(int count) => [.. Enumerable.Range(1, count).Select(i => $"member-{i}")];

    /// <summary>
    /// How <paramref name="present"/> members (named as <see cref="Members"/>) voted: the first <paramref name="votesFor"/> for, the next
    /// <paramref name="votesAgainst"/> against, the rest abstaining.
    /// </summary>
    public static Ballot[] Ballots(int present, int votesFor, int votesAgainst) =>
    [
        .. Members(present).Select((member, i) =>
            new Ballot(member, i < votesFor ? BallotVote.For : i < votesFor + votesAgainst ? BallotVote.Against : BallotVote.Abstain)),
    ];

    /// <summary>An open-ballot meeting of <paramref name="present"/> of <paramref name="total"/> members, every member named with their vote.</summary>
    public static RecordDecisionMeetingRequest Meeting(Guid cadreId, int total, int present, int votesFor, int votesAgainst) =>
        new(cadreId, total, present, votesFor, votesAgainst, Members(present), Ballots: Ballots(present, votesFor, votesAgainst));

    /// <summary>The same meeting as a workflow sends it.</summary>
    public HoldDecisionMeeting MeetingCommand(Guid procedureId, Guid cadreId, int total, int present, int votesFor, int votesAgainst) =>
        Meeting(cadreId, total, present, votesFor, votesAgainst).ToCommand(Tenant) with { ProcedureId = procedureId };

    /// <summary>The standing committee approves the cadre: 9 of 10 present, 7 for.</summary>
    public Task<DecisionMeetingResponse> Approve(Guid cadreId) =>
        Post<DecisionMeetingResponse>("decision-meetings", Meeting(cadreId, 10, 9, 7, 2));

    /// <summary>What an inspection notice makes public beside its start and posts (六公开, V1), for an inspection of five days.</summary>
    public static InspectionNotice Notice(DateOnly startsOn) => new(startsOn.AddDays(4), "德、能、勤、绩、廉", "民主测评、个别谈话、查阅档案",
        "《党政领导干部选拔任用工作条例》规定的任职条件", "如实反映情况；考察组联系电话 0000-1234567");

    public Task<CadreFileResponse> OpenFile(Guid cadreId) =>
        Post<CadreFileResponse>("cadre-files", new OpenCadreFileRequest(cadreId, "王某", Sex.Male, new DateOnly(1985, 3, 12), new DateOnly(2006, 6, 1),
            new DateOnly(2008, 7, 1), "大学本科 法学学士", ["2008.07-2013.05 某镇党政办科员", "2013.05-2020.12 某镇副镇长"]));

    public static DisclosureItem[] AllNineCategories(string realEstate = "住房一套 90㎡") =>
    [
        .. Enum.GetValues<DisclosureCategory>().Select(c => new DisclosureItem(c, c == DisclosureCategory.RealEstate ? realEstate : "无")),
    ];
}
