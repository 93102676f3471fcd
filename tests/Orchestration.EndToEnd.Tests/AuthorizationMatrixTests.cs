using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Orchestration.ServiceDefaults.Security;
using Orchestration.Testing;
using Shouldly;
using Xunit;
using Xunit.Abstractions;
using static Orchestration.Testing.Definition;

namespace Orchestration.EndToEnd.Tests;

/// <summary>
/// The access table (<see cref="AccessTable"/>) against the six running hosts: every endpoint they serve, found in each service's
/// OpenAPI document and in the endpoint data sources (the Elsa API and the Studio are not described), has a row, and every role,
/// no role, an unknown role and no token get what the row says. Another county's token never sees or changes a county's data.
/// </summary>
public sealed class AuthorizationMatrixTests(ProcedureSystem system, ITestOutputHelper output) : IClassFixture<ProcedureSystem>
{
    const string County = "county-authz";
    const string OtherCounty = "county-authz-other";
    const string NoRole = "(no role)";
    const string UnknownRole = "hacker";

    sealed record Endpoint(string Host, string Method, string Route, bool Anonymous, Func<HttpClient> Client);

    List<(string Name, IServiceProvider Services, Func<HttpClient> Client)> AllHosts() =>
    [
        ("workflows", system.Workflows.Services, () => system.Workflows.CreateClient()),
        ("nomination", system.Nomination.Services, () => system.Nomination.CreateClient()),
        ("vetting", system.Vetting.Services, () => system.Vetting.CreateClient()),
        ("audit", system.Audit.Services, () => system.Audit.CreateClient()),
        ("disposition", system.Disposition.Services, () => system.Disposition.CreateClient()),
        ("village-pay", system.VillagePay.Services, () => system.VillagePay.CreateClient()),
    ];

    /// <summary>
    /// The API reference people read: every operation of every service's API says in a summary what it does, and every parameter
    /// and every field of what it takes and answers says what it is.
    /// </summary>
    [Fact]
    public async Task Every_operation_of_every_service_says_in_a_summary_what_it_does_and_every_field_says_what_it_is()
    {
        var without = new List<string>();
        var undescribed = new List<string>();
        foreach (var (name, _, client) in AllHosts())
        {
            var document = await ApiDescription.ReadAsync(client());
            ApiDescription.Operations(document, "/api/").ShouldNotBeEmpty(name);
            without.AddRange(ApiDescription.WithoutSummary(document, "/api/").Select(o => $"{name}: {o}"));
            undescribed.AddRange(ApiDescription.FieldsWithoutDescription(document, "/api/").Select(f => $"{name}: {f}"));
        }

        without.ShouldBeEmpty();
        undescribed.ShouldBeEmpty("every field needs a description: a <param> on its record or a <summary> on its property; every parameter a [Description]");
        // The XML documentation of the contracts and services is the description of their fields.
        var vetting = await ApiDescription.ReadAsync(system.Vetting.CreateClient());
        vetting["components"]!["schemas"]!["InspectionNotice"]!["properties"]!["standard"]!["description"]!.GetValue<string>()
            .ShouldStartWith("The standard the candidates are measured against");
    }

    /// <summary>Every method and route of every host: from its OpenAPI document, and from its endpoint data source for what the document leaves out.</summary>
    async Task<List<Endpoint>> EndpointsAsync()
    {
        var found = new Dictionary<string, Endpoint>();
        foreach (var (name, services, client) in AllHosts())
        {
            var document = await client().GetFromJsonAsync<JsonObject>("/openapi/v1.json");
            var described = new HashSet<string>();
            foreach (var (path, operations) in document!["paths"]!.AsObject())
                foreach (var (method, _) in operations!.AsObject())
                    described.Add(AccessTable.Key(method, path));

            foreach (var endpoint in services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
            {
                var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
                foreach (var method in methods)
                {
                    var key = $"{method} {AccessTable.Normalize(endpoint.RoutePattern)}";
                    described.Remove(key);
                    found.TryAdd($"{name} {key}", new Endpoint(name, method, AccessTable.Normalize(endpoint.RoutePattern), anonymous, client));
                }
            }
            described.ShouldBeEmpty($"{name} describes operations no endpoint serves");
        }
        return [.. found.Values];
    }

    [Fact]
    public async Task Every_endpoint_has_a_row_public_rows_are_the_anonymous_endpoints_and_no_row_is_stale()
    {
        var endpoints = await EndpointsAsync();
        endpoints.Count.ShouldBeGreaterThan(150);

        var missing = endpoints.Where(e => AccessTable.Find(e.Method, e.Route) is null).Select(e => $"{e.Host}: {e.Method} {e.Route}").Distinct().ToList();
        missing.ShouldBeEmpty("every endpoint needs a row in Security/AccessTable.cs (and the README's table)");

        var anonymousWithoutPublicRow = endpoints.Where(e => e.Anonymous && AccessTable.Find(e.Method, e.Route)!.Kind == AccessKind.Roles)
            .Select(e => $"{e.Method} {e.Route}").Distinct().ToList();
        anonymousWithoutPublicRow.ShouldBeEmpty("endpoints marked AllowAnonymous() must be public rows");
        var publicButChecked = endpoints.Where(e => !e.Anonymous && AccessTable.Find(e.Method, e.Route)!.Kind == AccessKind.Public)
            .Select(e => $"{e.Method} {e.Route}").Distinct().ToList();
        publicButChecked.ShouldBeEmpty("public rows must be AllowAnonymous() endpoints");

        var served = endpoints.Select(e => AccessTable.Key(e.Method, e.Route)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        // Not routed endpoints: the embedded host's token, and the OIDC callback the authentication middleware answers.
        var stale = AccessTable.Rules.Where(r => !served.Contains(r.Key) && r.Route is not ("/local/token" or "/studio/signin-oidc")).Select(r => r.Key).ToList();
        stale.ShouldBeEmpty("rows of endpoints no host serves");
    }

    /// <summary>
    /// A GET with a bearer token. A 503 (the database had no connection free while the whole suite runs side by side) is what a
    /// client retries after its Retry-After, so it is retried a few times; it never counts as an answer about the data.
    /// </summary>
    static async Task<(HttpStatusCode Status, string Body)> GetAsAsync(HttpClient client, string path, string token)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await client.SendAsync(request);
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable || attempt == 5) return (response.StatusCode, await response.Content.ReadAsStringAsync());
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    static string Fill(string route) => route
        .Replace("{year}", "2026").Replace("{definitionId}", "authz-no-such-definition").Replace("{documentName}", "v1")
        .Replace("{key}", "publicity-notice")
        .Replace("{instanceId}", Guid.NewGuid().ToString())
        .Replace("{id}", Guid.NewGuid().ToString()).Replace("{cadreId}", Guid.NewGuid().ToString()).Replace("{incidentId}", Guid.NewGuid().ToString());

    static string Token(string tenant, string? role) =>
        role is null or NoRole ? TestTokens.For("matrix-caller", tenant) : TestTokens.For("matrix-caller", tenant, role);

    static HttpRequestMessage Request(string method, string route, string? token)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), Fill(route));
        if (method is "POST" or "PUT" or "PATCH") request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    [Fact]
    public async Task Every_role_no_role_an_unknown_role_and_no_token_get_what_the_table_says_on_every_endpoint()
    {
        var endpoints = (await EndpointsAsync()).Where(e => AccessTable.Find(e.Method, e.Route) is { Kind: AccessKind.Roles }).ToList();
        string?[] callers = [.. Roles.All, NoRole, UnknownRole, null];
        var wrong = new ConcurrentBag<string>();
        var errors = new ConcurrentBag<string>();
        var calls = 0;
        using var gate = new SemaphoreSlim(24);
        var clients = AllHosts().ToDictionary(h => h.Name, h => h.Client());

        await Task.WhenAll(endpoints.SelectMany(e => callers.Select(async caller =>
        {
            await gate.WaitAsync();
            try
            {
                var rule = AccessTable.Find(e.Method, e.Route)!;
                using var response = await clients[e.Host].SendAsync(Request(e.Method, e.Route, caller is null ? null : Token(County, caller)));
                Interlocked.Increment(ref calls);
                var status = (int)response.StatusCode;
                var who = caller ?? "(no token)";
                var expected = caller is null ? "401" : rule.Roles.Contains(caller) ? "allowed" : "403";
                var ok = expected switch
                {
                    "401" => status == 401,
                    "403" => status == 403,
                    _ => status is not (401 or 403),
                };
                if (!ok) wrong.Add($"{e.Method} {e.Route} as {who}: {status}, expected {expected}");
                if (status >= 500) errors.Add($"{e.Method} {e.Route} as {who}: {status} {Shorten(await response.Content.ReadAsStringAsync())}");
            }
            finally { gate.Release(); }
        })));

        output.WriteLine($"{calls} calls on {endpoints.Count} endpoints");
        foreach (var error in errors.Order()) output.WriteLine($"500: {error}");
        wrong.Order().ToList().ShouldBeEmpty();
        errors.Order().ToList()
            .ShouldBeEmpty("an authorized call with an empty body or unknown ids is answered, never with a 500");
    }

    static string Shorten(string text) => text.Length > 200 ? text[..200] : text;

    // ---- data of one county, read and changed by another

    static async Task<Guid> CreatedId(HttpResponseMessage response, string property = "id")
    {
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonObject>())![property]!.GetValue<Guid>();
    }

    /// <summary>A procedure of <see cref="County"/> that holds a disclosure-like secret in its variables and waits.</summary>
    async Task<(Guid Instance, string Secret)> SecretProcedureAsync(string definitionId)
    {
        var secret = $"PASSPORT-E{Random.Shared.Next(10_000_000, 99_999_999)}";
        var model = Flowchart(definitionId,
            [Activity("mark", "Elsa.SetVariable").With("variable", new() { ["id"] = "Disclosure", ["name"] = "Disclosure" }).With("value", Literal(secret)),
             Activity("wait", "Elsa.Event", ("eventName", "authz-go")), Activity("end", "Elsa.End")],
            [("mark", "Done", "wait"), ("wait", "Done", "end")], ("Disclosure", "String", ""));
        var saved = await system.Workflows.CreateClientFor(County, Roles.Administrator)
            .PostAsJsonAsync("/elsa/api/workflow-definitions", new JsonObject { ["model"] = model, ["publish"] = true });
        saved.IsSuccessStatusCode.ShouldBeTrue(await saved.Content.ReadAsStringAsync());
        var started = await system.Workflows.CreateClientFor(County, Roles.OrganizationDepartment)
            .PostAsJsonAsync($"/api/workflows/{definitionId}/instances", new { input = new { } });
        return (await CreatedId(started), secret);
    }

    [Fact]
    public async Task Another_county_s_token_never_sees_or_changes_a_county_s_data()
    {
        var village = await CreatedId(await system.VillagePay.CreateClientFor(County, Roles.OrganizationDepartment)
            .PostAsJsonAsync("/api/village-pay/villages", new { name = "跨县嘎查", township = "巴彦镇", population = 1200, principalName = "巴特尔" }));
        var unit = await CreatedId(await system.Audit.CreateClientFor(County, Roles.Auditor)
            .PostAsJsonAsync("/api/audit/units", new { name = "县水利局", annualBudget = 4_000_000m }));
        var cadre = Guid.NewGuid();
        (await system.Vetting.CreateClientFor(County, Roles.OrganizationDepartment).PostAsJsonAsync("/api/vetting/cadre-files", new
        {
            cadreId = cadre, name = "跨县某", sex = "Male", birthDate = new DateOnly(1980, 5, 1), partyJoinedOn = new DateOnly(2002, 5, 1),
            workStartedOn = new DateOnly(2001, 7, 1), education = "大学本科", careerHistory = new[] { "2001.07- 某县直单位" },
        })).IsSuccessStatusCode.ShouldBeTrue();
        var (instance, secret) = await SecretProcedureAsync("authz-tenancy");
        string[] ours = [village.ToString(), unit.ToString(), cadre.ToString(), instance.ToString(), secret];

        // Every list and every by-id read of the other county, with every role: nothing of ours.
        var endpoints = (await EndpointsAsync()).Where(e => e.Method == "GET" && AccessTable.Find(e.Method, e.Route) is { Kind: AccessKind.Roles }).ToList();
        var leaks = new ConcurrentBag<string>();
        var byId = new Dictionary<string, string>
        {
            ["/api/village-pay/villages/{id}"] = village.ToString(), ["/api/audit/units/{id}"] = unit.ToString(),
            ["/api/vetting/cadre-files/{cadreId}"] = cadre.ToString(), ["/api/workflows/instances/{id}"] = instance.ToString(),
            ["/api/workflows/instances/{id}/journal/verify"] = instance.ToString(), ["/elsa/api/workflow-instances/{id}"] = instance.ToString(),
            ["/elsa/api/workflow-instances/{id}/variables"] = instance.ToString(), ["/elsa/api/workflow-instances/{id}/journal"] = instance.ToString(),
            ["/elsa/api/workflow-instances/{id}/execution-state"] = instance.ToString(), ["/api/workflows/accountability/{cadreId}"] = cadre.ToString(),
        };
        var clients = AllHosts().ToDictionary(h => h.Name, h => h.Client());
        await Task.WhenAll(endpoints.SelectMany(e => AccessTable.Find(e.Method, e.Route)!.Roles.Select(async role =>
        {
            var path = byId.TryGetValue(e.Route, out var id) ? e.Route.Replace("{id}", id).Replace("{cadreId}", id) : Fill(e.Route);
            if (e.Route.Contains("/api/vetting/accountability") || e.Route.EndsWith("/inspections") || e.Route.EndsWith("/reports")) path += $"?cadreId={cadre}";
            var (status, body) = await GetAsAsync(clients[e.Host], path, Token(OtherCounty, role));
            if (byId.ContainsKey(e.Route) && e.Route != "/api/workflows/accountability/{cadreId}" && status != HttpStatusCode.NotFound)
                leaks.Add($"GET {path} as {role} of {OtherCounty}: {(int)status}");
            foreach (var mine in ours.Where(o => body.Contains(o) && !path.Contains(o))) leaks.Add($"GET {path} as {role} of {OtherCounty} shows {mine}");
        })));
        leaks.Order().ToList().ShouldBeEmpty(string.Join(Environment.NewLine, system.HostWarnings.Last(10)));

        // Writes on our ids from the other county change nothing.
        var admin = Token(OtherCounty, Roles.Administrator);
        (HttpClient Client, string Path, object Body)[] writes =
        [
            (clients["village-pay"], $"/api/village-pay/villages/{village}/grades", new { year = 2026, grade = "Excellent" }),
            (clients["audit"], $"/api/audit/units/{unit}/budget-adjustments", new { year = 2026, annualBudget = 9_000_000m }),
            (clients["vetting"], $"/api/vetting/cadre-files/{cadre}/entries", new { category = "Rewards", summary = "forged" }),
            (clients["workflows"], $"/api/workflows/instances/{instance}/cancel", new { }),
            (clients["workflows"], "/api/workflows/events", new { eventName = "authz-go", correlationKey = instance.ToString(), payload = new { } }),
        ];
        foreach (var (client, path, body) in writes)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", admin);
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            ((int)response.StatusCode).ShouldBeOneOf([400, 404], $"POST {path}: {text}"); // another county's procedure: nothing waits, nothing kept
        }
        var still = await system.Workflows.CreateClientFor(County, Roles.OrganizationDepartment).GetFromJsonAsync<JsonObject>($"/api/workflows/instances/{instance}");
        still!["instance"]!["status"]!.GetValue<string>().ShouldBe("Suspended");
        (await system.VillagePay.CreateClientFor(County, Roles.OrganizationDepartment).GetStringAsync("/api/village-pay/grades/2026")).ShouldNotContain(village.ToString());
    }

    [Fact]
    public async Task What_a_procedure_holds_is_read_only_by_the_roles_that_may_read_disclosures_and_voters()
    {
        var (instance, secret) = await SecretProcedureAsync("authz-readers");
        string[] contentReads =
        [
            $"/api/workflows/instances/{instance}", $"/elsa/api/workflow-instances/{instance}", $"/elsa/api/workflow-instances/{instance}/variables",
            $"/elsa/api/workflow-instances/{instance}/journal",
        ];
        foreach (var role in Roles.All.Append(UnknownRole).Append(NoRole))
        {
            var client = system.Workflows.CreateClient();
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token(County, role));
            foreach (var path in contentReads)
            {
                using var response = await client.GetAsync(path);
                var body = await response.Content.ReadAsStringAsync();
                if (role is Roles.OrganizationDepartment or Roles.Administrator)
                {
                    response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{path} as {role}");
                    if (path.EndsWith("/variables") || path.StartsWith("/api/")) body.ShouldContain(secret, customMessage: $"{path} as {role}");
                }
                else
                {
                    response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{path} as {role}");
                    body.ShouldNotContain(secret);
                }
            }

            // The list and the C1 check carry no payload: the operator sees them to retry and cancel; voters only as in vetting (C2).
            var list = await client.GetAsync("/api/workflows/instances");
            list.StatusCode.ShouldBe(AccessTable.WorkflowStaff.Contains(role) ? HttpStatusCode.OK : HttpStatusCode.Forbidden, $"the list as {role}");
            (await list.Content.ReadAsStringAsync()).ShouldNotContain(secret);
            var voters = await client.GetAsync($"/api/workflows/accountability/{Guid.NewGuid()}");
            var vetting = system.Vetting.CreateClient();
            vetting.DefaultRequestHeaders.Authorization = client.DefaultRequestHeaders.Authorization;
            var vettingVoters = await vetting.GetAsync($"/api/vetting/accountability?cadreId={Guid.NewGuid()}");
            voters.StatusCode.ShouldBe(vettingVoters.StatusCode, $"accountability as {role}: as in the vetting API");
            var disclosure = await vetting.GetAsync($"/api/vetting/disclosures/{Guid.NewGuid()}");
            if (disclosure.StatusCode == HttpStatusCode.Forbidden)
                (await client.GetAsync($"/api/workflows/instances/{instance}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden,
                    $"{role} may not read disclosures in vetting, so not in a procedure either");
        }
    }

    [Theory]
    [InlineData("MotionApproved")]
    [InlineData("NominationAccepted")]
    [InlineData("DispositionCaseOpened")]
    [InlineData("CadreFileOpened")]
    [InlineData("motionapproved")]
    public async Task A_service_s_fact_or_result_cannot_be_raised_as_an_event(string eventName)
    {
        var department = system.Workflows.CreateClientFor(County, Roles.OrganizationDepartment, Roles.Administrator);
        var before = (await department.GetFromJsonAsync<JsonArray>("/api/workflows/instances"))!.Count;
        var response = await department.PostAsJsonAsync("/api/workflows/events",
            new { eventName, correlationKey = "", payload = new { motionId = Guid.NewGuid(), tenantId = County } });
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        problem["rule"]!.GetValue<string>().ShouldBe("events-are-human-steps");
        problem["detail"]!.GetValue<string>().ShouldContain(eventName);
        (await department.GetFromJsonAsync<JsonArray>("/api/workflows/instances"))!.Count.ShouldBe(before, "nothing started");
    }

    [Fact]
    public async Task Operators_retry_and_cancel_but_raise_no_event_and_start_nothing_while_the_department_records_human_steps()
    {
        var operatorClient = system.Workflows.CreateClientFor(County, Roles.Operator);
        var forged = await operatorClient.PostAsJsonAsync("/api/workflows/events",
            new { eventName = "nominee-proposed", correlationKey = Guid.NewGuid().ToString(), payload = new { nominatorId = "operator-forged" } });
        forged.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await operatorClient.PostAsJsonAsync("/api/workflows/authz-readers/instances", new { input = new { } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var (instance, _) = await SecretProcedureAsync("authz-operator");
        (await system.Workflows.CreateClientFor(County, Roles.OrganizationDepartment).PostAsJsonAsync("/api/workflows/events",
            new { eventName = "authz-go", correlationKey = instance.ToString(), payload = new { } })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (waiting, _) = await SecretProcedureAsync("authz-operator-cancel");
        (await operatorClient.PostAsync($"/api/workflows/instances/{waiting}/cancel", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await operatorClient.PostAsync($"/api/workflows/instances/{instance}/retry", null)).StatusCode.ShouldNotBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized);
    }

    // ---- township clerks: their own township's villages, the township stages (P2, P3)

    const string Bayan = "巴彦镇";
    const string Hure = "呼日镇";

    HttpClient Clerk(string tenant, string township) => system.VillagePay.CreateClient().AsTownshipClerk(tenant, township);

    static async Task RefusedAsOutside(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{what}: {body}");
        if (body.Length > 0 && body.Contains("\"rule\"")) JsonNode.Parse(body)!["rule"]!.GetValue<string>().ShouldBe(TownshipScope.Rule, what);
    }

    static async Task<JsonObject> Accepted(HttpResponseMessage response, string what)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{what}: {(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!.AsObject();
    }

    [Fact]
    public async Task P2_P3_a_township_clerk_acts_only_on_villages_of_their_township_and_only_at_township_stages()
    {
        const string tenant = "county-authz-townships";
        var department = system.VillagePay.CreateClientFor(tenant, Roles.OrganizationDepartment);
        var bayanClerk = Clerk(tenant, Bayan);
        var hureClerk = Clerk(tenant, Hure);
        var clerkOfNowhere = system.VillagePay.CreateClientFor(tenant, Roles.Township);

        // Villages: each clerk registers their own; not another township's, and a clerk whose token names no township none.
        var wulan = (await Accepted(await bayanClerk.PostAsJsonAsync("/api/village-pay/villages",
            new { name = "乌兰嘎查", township = Bayan, population = 1_500, principalName = "巴特尔" }), "Bayan's clerk registers a Bayan village"))["id"]!.GetValue<Guid>();
        await RefusedAsOutside(await bayanClerk.PostAsJsonAsync("/api/village-pay/villages",
            new { name = "假嘎查", township = Hure, population = 900, principalName = "某" }), "Bayan's clerk registers a Hure village");
        await RefusedAsOutside(await clerkOfNowhere.PostAsJsonAsync("/api/village-pay/villages",
            new { name = "无镇嘎查", township = Bayan, population = 900, principalName = "某" }), "a clerk without a township");
        var baolige = (await Accepted(await hureClerk.PostAsJsonAsync("/api/village-pay/villages",
            new { name = "宝力格嘎查", township = Hure, population = 1_200, principalName = "萨仁" }), "Hure's clerk"))["id"]!.GetValue<Guid>();
        var chagan = (await Accepted(await department.PostAsJsonAsync("/api/village-pay/villages",
            new { name = "查干嘎查", township = Hure, population = 500, principalName = "图雅" }), "the department registers anywhere"))["id"]!.GetValue<Guid>();

        // Quarterly scores, objections and grades: own township only.
        await RefusedAsOutside(await bayanClerk.PostAsJsonAsync("/api/village-pay/evaluations",
            new { township = Hure, year = 2026, quarter = 1, scores = new[] { new { villageId = baolige, score = 99m } } }), "Bayan's clerk scores Hure");
        var hureQuarter = (await Accepted(await hureClerk.PostAsJsonAsync("/api/village-pay/evaluations",
            new { township = Hure, year = 2026, quarter = 1, scores = new[] { new { villageId = baolige, score = 88m }, new { villageId = chagan, score = 75m } } }),
            "Hure's clerk scores Hure"))["id"]!.GetValue<Guid>();
        await RefusedAsOutside(await bayanClerk.PostAsJsonAsync($"/api/village-pay/evaluations/{hureQuarter}/objections", new { content = "偏高" }),
            "Bayan's clerk objects in Hure");
        await Accepted(await hureClerk.PostAsJsonAsync($"/api/village-pay/evaluations/{hureQuarter}/objections", new { content = "偏高", villageId = baolige }),
            "Hure's clerk records an objection in Hure");
        var verification = new { finding = "NotAffecting", findings = "核实不影响考评结果" };
        await RefusedAsOutside(await bayanClerk.PostAsJsonAsync($"/api/village-pay/evaluations/{hureQuarter}/objections/verification", verification),
            "Bayan's clerk verifies Hure's objections");
        (await hureClerk.PostAsJsonAsync($"/api/village-pay/evaluations/{hureQuarter}/objections/verification", verification)).StatusCode
            .ShouldBe(HttpStatusCode.Conflict, "Hure's clerk may verify Hure's objections, once the publicity is closed (C4)");
        await RefusedAsOutside(await bayanClerk.PostAsync($"/api/village-pay/evaluations/{hureQuarter}/publicity/close", null), "Bayan's clerk closes Hure's publicity");
        await RefusedAsOutside(await bayanClerk.PostAsJsonAsync("/api/village-pay/grades/townships", new { township = Hure, year = 2026 }), "Bayan's clerk grades Hure");
        await RefusedAsOutside(await bayanClerk.PostAsJsonAsync($"/api/village-pay/villages/{baolige}/grades", new { year = 2026, grade = "Excellent" }),
            "Bayan's clerk grades a Hure principal");
        (await bayanClerk.PostAsJsonAsync($"/api/village-pay/villages/{wulan}/grades", new { year = 2026, grade = "Excellent" })).StatusCode
            .ShouldNotBe(HttpStatusCode.Forbidden, "Bayan's clerk grades a Bayan principal");
        // P2: the talk and the rectification of an incompetent principal are the principal's township's to record.
        var hureGrade = (await Accepted(await hureClerk.PostAsJsonAsync($"/api/village-pay/villages/{baolige}/grades", new { year = 2026, grade = "Incompetent" }),
            "Hure's clerk grades a Hure principal"))["id"]!.GetValue<Guid>();
        await RefusedAsOutside(await bayanClerk.PostAsJsonAsync($"/api/village-pay/grades/{hureGrade}/admonishment-talk",
            new { heldOn = new DateOnly(2026, 3, 2), heldBy = "呼日镇党委书记", notes = "诫勉谈话" }), "Bayan's clerk records Hure's admonishment talk");
        await RefusedAsOutside(await bayanClerk.PostAsJsonAsync($"/api/village-pay/grades/{hureGrade}/rectification",
            new { rectifiedOn = new DateOnly(2026, 3, 2), checkedBy = "呼日镇党委书记", summary = "整改到位" }), "Bayan's clerk records Hure's rectification");
        (await hureClerk.PostAsJsonAsync($"/api/village-pay/grades/{hureGrade}/admonishment-talk",
                new { heldOn = new DateOnly(2026, 3, 2), heldBy = "呼日镇党委书记", notes = "诫勉谈话" })).StatusCode
            .ShouldNotBe(HttpStatusCode.Forbidden, "Hure's clerk records Hure's admonishment talk");

        // County acts: opening the selection, the county budget's retirement subsidies, renewals.
        (await bayanClerk.PostAsJsonAsync("/api/village-pay/selection/rounds", new { year = 2026 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await bayanClerk.PostAsJsonAsync("/api/village-pay/retirement-subsidies", new { name = "老支书", villageId = wulan, yearsInPost = 12 }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await bayanClerk.PostAsJsonAsync("/api/village-pay/selection/awards/renewals", new { year = 2026 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var round = (await Accepted(await department.PostAsJsonAsync("/api/village-pay/selection/rounds", new { year = 2026 }), "the department opens"))["id"]!.GetValue<Guid>();

        // Applications to one's own township; a stage spanning townships and every county stage are the department's.
        await RefusedAsOutside(await bayanClerk.PostAsJsonAsync($"/api/village-pay/selection/rounds/{round}/applications", new { villageId = baolige }),
            "Bayan's clerk files a Hure application");
        var applications = new List<Guid>
        {
            (await Accepted(await bayanClerk.PostAsJsonAsync($"/api/village-pay/selection/rounds/{round}/applications", new { villageId = wulan }), "Bayan"))["id"]!.GetValue<Guid>(),
            (await Accepted(await hureClerk.PostAsJsonAsync($"/api/village-pay/selection/rounds/{round}/applications", new { villageId = baolige }), "Hure"))["id"]!.GetValue<Guid>(),
        };
        await RefusedAsOutside(await bayanClerk.PostAsJsonAsync($"/api/village-pay/selection/rounds/{round}/stages",
            new { stage = "TownshipReview", advancing = applications }), "a township review over two townships");
        await Accepted(await department.PostAsJsonAsync($"/api/village-pay/selection/rounds/{round}/stages",
            new { stage = "TownshipReview", advancing = applications }), "the department records it");
        var county = await hureClerk.PostAsJsonAsync($"/api/village-pay/selection/rounds/{round}/stages", new { stage = "CountyReview", advancing = applications });
        await RefusedAsOutside(county, "a clerk records the county review");
        (await county.Content.ReadAsStringAsync()).ShouldContain("county organization department");
        await Accepted(await department.PostAsJsonAsync($"/api/village-pay/selection/rounds/{round}/stages",
            new { stage = "CountyReview", advancing = applications }), "the department's county review");

        // A round whose applications are all of one township: its clerk records the township review.
        const string small = "county-authz-one-township";
        var onlyVillage = (await Accepted(await Clerk(small, Bayan).PostAsJsonAsync("/api/village-pay/villages",
            new { name = "乌兰嘎查", township = Bayan, population = 1_500, principalName = "巴特尔" }), "register"))["id"]!.GetValue<Guid>();
        var smallRound = (await Accepted(await system.VillagePay.CreateClientFor(small, Roles.OrganizationDepartment)
            .PostAsJsonAsync("/api/village-pay/selection/rounds", new { year = 2026 }), "open"))["id"]!.GetValue<Guid>();
        var only = (await Accepted(await Clerk(small, Bayan).PostAsJsonAsync($"/api/village-pay/selection/rounds/{smallRound}/applications",
            new { villageId = onlyVillage }), "apply"))["id"]!.GetValue<Guid>();
        await RefusedAsOutside(await Clerk(small, Hure).PostAsJsonAsync($"/api/village-pay/selection/rounds/{smallRound}/stages",
            new { stage = "TownshipReview", advancing = new[] { only } }), "Hure's clerk on Bayan's applications");
        var reviewed = await Accepted(await Clerk(small, Bayan).PostAsJsonAsync($"/api/village-pay/selection/rounds/{smallRound}/stages",
            new { stage = "TownshipReview", advancing = new[] { only } }), "Bayan's clerk records Bayan's township review");
        reviewed["decidedBy"]!.GetValue<string>().ShouldBe($"clerk-of-{Bayan}");
    }
}
