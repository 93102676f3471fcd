using System.Text;
using Microsoft.AspNetCore.Routing.Patterns;
using static Orchestration.ServiceDefaults.Security.Roles;

namespace Orchestration.ServiceDefaults.Security;

/// <summary>How an endpoint is reached: by role, by anyone (pages, health, the API description), or by a partner's sidecar.</summary>
public enum AccessKind { Roles, Public, Partner }

/// <summary>One row of the access table: a method and route (parameters without constraints) and the roles that may call it.</summary>
public sealed record AccessRule(string Method, string Route, AccessKind Kind, IReadOnlyList<string> Roles, string Note)
{
    public string Key => AccessTable.Key(Method, Route);
}

/// <summary>
/// Who may call which endpoint: the one place it is written down. <see cref="AccessPolicy"/> enforces it on every endpoint of every
/// service, the ServiceDefaults README shows it (a test keeps the two equal) and a test calls every endpoint with every role.
/// An endpoint without a row is refused to everyone. Data-level limits come on top: the caller's tenant always, and for
/// township clerks their township and the township stages (village pay, P2/P3).
/// </summary>
public static class AccessTable
{
    // ---- capabilities: the role sets the rows use

    /// <summary>Every role of <see cref="Roles.All"/>: texts meant for anyone of the county (published disclosures, the calendar).</summary>
    public static readonly string[] Anyone = [.. All];

    /// <summary>The organization department's own records (nomination, vetting, disposition, county acts of village pay).</summary>
    public static readonly string[] Department = [OrganizationDepartment, Administrator];

    /// <summary>What the standing committee's secretary records or may read: motions, deliberations, decision meetings, voters (C2, V6).</summary>
    public static readonly string[] DepartmentAndSecretary = [OrganizationDepartment, CommitteeSecretary, Administrator];

    /// <summary>Nominating (N3, C2): the department, and committee members and the secretary in their own name.</summary>
    public static readonly string[] Nominators = [OrganizationDepartment, CommitteeSecretary, CommitteeMember, Administrator];

    /// <summary>The audit office's units, funds and results (A1-A5).</summary>
    public static readonly string[] Auditors = [Auditor, Administrator];

    /// <summary>Audit matters the department also acts on: the yearly plan and departure audits (A2, A4).</summary>
    public static readonly string[] AuditAndDepartment = [Auditor, OrganizationDepartment, Administrator];

    /// <summary>Village pay the townships run (P2, P3 township stages): township clerks for their own township only.</summary>
    public static readonly string[] Townships = [Township, OrganizationDepartment, Administrator];

    /// <summary>Watching and unblocking procedures without their content: instance summaries, definitions, retry and cancel.</summary>
    public static readonly string[] WorkflowStaff = [OrganizationDepartment, Administrator, Operator];

    /// <summary>What a procedure holds (variables, journal payloads: V4 disclosures, C2 voter lists): no more than the vetting API shows.</summary>
    public static readonly string[] InstanceReaders = [OrganizationDepartment, Administrator];

    /// <summary>Who reads a candidate's round-1 disclosure form (V4, 有关事项公开表), in the vetting API and in the full-process record.</summary>
    public static readonly string[] DisclosureReaders = Department;

    /// <summary>Who reads a cadre's full-process record (C1): the department, and the secretary who answers for the votes (C2).</summary>
    public static readonly string[] RecordReaders = DepartmentAndSecretary;

    /// <summary>Changing procedures' definitions and the notices' templates.</summary>
    public static readonly string[] Designers = [Administrator];

    public static readonly IReadOnlyList<AccessRule> Rules =
    [
        // nomination
        Row("POST", "/api/nomination/committee-terms", Department, "N2 quotas per term"),
        Row("GET", "/api/nomination/committee-terms", Department),
        Row("POST", "/api/nomination/motions", DepartmentAndSecretary, "N1"),
        Row("GET", "/api/nomination/motions", DepartmentAndSecretary),
        Row("GET", "/api/nomination/motions/{id}", DepartmentAndSecretary),
        Row("POST", "/api/nomination/motions/{id}/approval", DepartmentAndSecretary, "recorded by the secretary"),
        Row("POST", "/api/nomination/motions/{id}/filing", DepartmentAndSecretary, "N2 filing"),
        Row("GET", "/api/nomination/filings", DepartmentAndSecretary),
        Row("POST", "/api/nomination/establishments", Department, "N9 编制职数"),
        Row("GET", "/api/nomination/establishments", DepartmentAndSecretary),
        Row("POST", "/api/nomination/department-meetings", Department, "N5 部务会议"),
        Row("GET", "/api/nomination/department-meetings/{id}", DepartmentAndSecretary),
        Row("POST", "/api/nomination/elections", Department, "N10 换届"),
        Row("GET", "/api/nomination/elections/{id}", DepartmentAndSecretary),
        Row("POST", "/api/nomination/elections/{id}/pledges", Department, "N10 承诺书"),
        Row("POST", "/api/nomination/elections/{id}/warning-cards", Department, "N10 警示卡"),
        Row("POST", "/api/nomination/elections/warning-cards/{id}/acknowledgement", Department),
        Row("POST", "/api/nomination/reserve-pool", Department, "N4"),
        Row("GET", "/api/nomination/reserve-pool", Department),
        Row("POST", "/api/nomination/reserve-pool/{cadreId}/removal", Department),
        Row("POST", "/api/nomination/nominations", Nominators, "C2: others only in their own name"),
        Row("GET", "/api/nomination/nominations", DepartmentAndSecretary),
        Row("GET", "/api/nomination/nominations/{id}", DepartmentAndSecretary),
        Row("POST", "/api/nomination/nomination-failures", Department, "N6"),
        Row("GET", "/api/nomination/nomination-failures", Department),
        Row("POST", "/api/nomination/disqualifiers", Department, "N8"),
        Row("GET", "/api/nomination/disqualifiers", Department),
        Row("POST", "/api/nomination/disqualifiers/{id}/lifting", Department),
        Row("POST", "/api/nomination/recommendation-rounds", Department, "N5, N7"),
        Row("GET", "/api/nomination/recommendation-rounds", Department),
        Row("GET", "/api/nomination/recommendation-rounds/{id}", Department),

        // vetting
        Row("POST", "/api/vetting/inspections", Department, "V1"),
        Row("GET", "/api/vetting/inspections", Department),
        Row("GET", "/api/vetting/inspections/{id}", Department),
        Row("POST", "/api/vetting/inspections/{id}/findings", Department),
        Row("POST", "/api/vetting/inspections/{id}/feedback", Department, "V1"),
        Row("GET", "/api/vetting/inspections/{id}/feedback", Department),
        Row("POST", "/api/vetting/cadre-files", Department, "C3"),
        Row("GET", "/api/vetting/cadre-files/{cadreId}", Department),
        Row("POST", "/api/vetting/cadre-files/{cadreId}/entries", Department),
        Row("POST", "/api/vetting/cadre-files/{cadreId}/verifications", Department, "V2"),
        Row("POST", "/api/vetting/integrity-exams", Department, "V3"),
        Row("GET", "/api/vetting/integrity-exams", Department),
        Row("POST", "/api/vetting/disclosures", Department, "V4 round 1"),
        Row("GET", "/api/vetting/disclosures/{id}", DisclosureReaders, "V4: the full form"),
        Row("POST", "/api/vetting/disclosures/publications", Department, "V4 round 2"),
        Row("GET", "/api/vetting/disclosures/publications/{id}", Anyone, "V4: only the published fields"),
        Row("POST", "/api/vetting/deliberations", DepartmentAndSecretary, "V5"),
        Row("GET", "/api/vetting/deliberations/{id}", DepartmentAndSecretary),
        Row("POST", "/api/vetting/decision-meetings/competitive", DepartmentAndSecretary, "V6"),
        Row("POST", "/api/vetting/decision-meetings", DepartmentAndSecretary, "V6"),
        Row("GET", "/api/vetting/decision-meetings", DepartmentAndSecretary),
        Row("GET", "/api/vetting/decision-meetings/{id}", DepartmentAndSecretary),
        Row("POST", "/api/vetting/decision-meetings/{id}/reconsiderations", DepartmentAndSecretary, "V6"),
        Row("GET", "/api/vetting/accountability", DepartmentAndSecretary, "C2 voters"),
        Row("POST", "/api/vetting/pre-filings", Department, "V7"),
        Row("GET", "/api/vetting/pre-filings", Department),
        Row("GET", "/api/vetting/pre-filings/cases", Department, "V7"),
        Row("POST", "/api/vetting/publicity", Department, "V8"),
        Row("GET", "/api/vetting/publicity/{id}", Department),
        Row("POST", "/api/vetting/publicity/{id}/close", Department),
        Row("POST", "/api/vetting/reports", Department, "C4"),
        Row("GET", "/api/vetting/reports", Department),
        Row("GET", "/api/vetting/reports/{id}", Department),
        Row("POST", "/api/vetting/reports/{id}/verification", Department),
        Row("POST", "/api/vetting/appointments", Department, "V9"),
        Row("GET", "/api/vetting/appointments/{id}", Department),
        Row("POST", "/api/vetting/appointments/{id}/probation-review", Department),
        Row("GET", "/api/vetting/statistics/disclosures", Department, "V4, V8, C4 counts per round; format=xlsx|csv"),
        Row("GET", "/api/vetting/statistics/probation", Department, "V9 outcomes; format=xlsx|csv"),
        Row("GET", "/api/vetting/statistics.html", Department, "charts page"),

        // audit
        Row("POST", "/api/audit/units", Auditors, "A1"),
        Row("GET", "/api/audit/units", Auditors),
        Row("GET", "/api/audit/units/{id}", Auditors),
        Row("POST", "/api/audit/units/{id}/budget-adjustments", Auditors, "A3"),
        Row("POST", "/api/audit/units/{id}/special-funds", Auditors, "A3"),
        Row("GET", "/api/audit/special-funds", Auditors),
        Row("POST", "/api/audit/special-funds/{id}/completion", Auditors),
        Row("GET", "/api/audit/regrading/{year}", Auditors),
        Row("POST", "/api/audit/plans/{year}", AuditAndDepartment, "A2"),
        Row("GET", "/api/audit/plans/{year}", AuditAndDepartment),
        Row("POST", "/api/audit/results", Auditors, "A5"),
        Row("GET", "/api/audit/results/{id}", Auditors),
        Row("GET", "/api/audit/commendations", Auditors),
        Row("POST", "/api/audit/departures", AuditAndDepartment, "A4"),
        Row("GET", "/api/audit/departures/{id}", AuditAndDepartment),
        Row("POST", "/api/audit/departures/{id}/clearance", AuditAndDepartment),
        Row("POST", "/api/audit/departures/{id}/handover", AuditAndDepartment, "A4"),
        Row("GET", "/api/audit/departures/overdue-handovers", AuditAndDepartment),
        Row("POST", "/api/audit/leader-acts", AuditAndDepartment, "A4"),
        Row("GET", "/api/audit/leader-acts", AuditAndDepartment),
        Row("GET", "/api/audit/statistics/coverage", AuditAndDepartment, "A2 coverage per tier; format=xlsx|csv"),
        Row("GET", "/api/audit/statistics/handovers", AuditAndDepartment, "A4; format=xlsx|csv"),
        Row("GET", "/api/audit/statistics.html", AuditAndDepartment, "charts page"),

        // disposition
        Row("POST", "/api/disposition/evaluations", Department, "D2"),
        Row("POST", "/api/disposition/cases", Department, "D1"),
        Row("GET", "/api/disposition/cases", Department),
        Row("GET", "/api/disposition/cases/{id}", Department),
        Row("POST", "/api/disposition/cases/{id}/steps", Department, "D3"),
        Row("GET", "/api/disposition/cases/{id}/steps", Department),
        Row("POST", "/api/disposition/cases/{id}/follow-up/talks", Department, "D6"),
        Row("POST", "/api/disposition/cases/{id}/follow-up/revisits", Department, "D6"),
        Row("POST", "/api/disposition/cases/{id}/follow-up/annual-assessments", Department, "D6"),
        Row("GET", "/api/disposition/cases/{id}/follow-up", Department),
        Row("POST", "/api/disposition/cases/{id}/reinstatement", Department, "D6"),
        Row("POST", "/api/disposition/non-leadership-transfers/age-date", Department, "D5"),
        Row("POST", "/api/disposition/non-leadership-transfers/assessments", Department, "D5"),
        Row("POST", "/api/disposition/cases/{id}/admonishment-talk", Department, "D4"),
        Row("POST", "/api/disposition/cases/{id}/suspension", Department, "D4"),
        Row("POST", "/api/disposition/cases/{id}/suspension/lifting", Department, "D4"),
        Row("GET", "/api/disposition/cadres/{cadreId}/bars", Department),
        Row("GET", "/api/disposition/statistics/dispositions", Department, "seed 003: down and out by source and measure; format=xlsx|csv"),
        Row("GET", "/api/disposition/statistics.html", Department, "charts page"),

        // village pay: township clerks only for villages of their township (checked in the service)
        Row("POST", "/api/village-pay/villages", Townships, "P1; own township"),
        Row("GET", "/api/village-pay/villages", Townships),
        Row("GET", "/api/village-pay/villages/{id}", Townships),
        Row("POST", "/api/village-pay/evaluations", Townships, "P2; own township"),
        Row("GET", "/api/village-pay/evaluations", Townships),
        Row("GET", "/api/village-pay/evaluations/{id}", Townships),
        Row("POST", "/api/village-pay/evaluations/{id}/objections", Townships, "P2; own township"),
        Row("POST", "/api/village-pay/evaluations/{id}/objections/verification", Townships, "P2, C4; own township"),
        Row("POST", "/api/village-pay/evaluations/{id}/publicity/close", Townships, "P2; own township"),
        Row("POST", "/api/village-pay/grades/townships", Townships, "P2 yearly grading; own township"),
        Row("POST", "/api/village-pay/villages/{id}/grades", Townships, "P2; own township"),
        Row("GET", "/api/village-pay/grades/{year}", Townships),
        Row("POST", "/api/village-pay/grades/{id}/admonishment-talk", Townships, "P2 诫勉谈话; own township"),
        Row("POST", "/api/village-pay/grades/{id}/rectification", Townships, "P2 限期整改; own township"),
        Row("POST", "/api/village-pay/selection/rounds", Department, "P3: the county opens the selection"),
        Row("GET", "/api/village-pay/selection/rounds/{id}", Townships),
        Row("POST", "/api/village-pay/selection/rounds/{id}/applications", Townships, "P3; own township"),
        Row("POST", "/api/village-pay/selection/rounds/{id}/stages", Townships, "P3: clerks only township stages of their own township"),
        Row("POST", "/api/village-pay/selection/awards/renewals", Department, "P3 yearly review"),
        Row("POST", "/api/village-pay/selection/awards/{id}/end", Department, "P3"),
        Row("GET", "/api/village-pay/selection/awards", Townships),
        Row("POST", "/api/village-pay/retirement-subsidies", Department, "P4: county budget"),
        Row("GET", "/api/village-pay/retirement-subsidies", Townships),
        Row("POST", "/api/village-pay/start-up-subsidies", Department, "P4 创业补贴: county budget"),
        Row("GET", "/api/village-pay/start-up-subsidies", Townships),
        Row("POST", "/api/village-pay/payroll/{year}", Department),
        Row("GET", "/api/village-pay/payroll/{year}", Department),
        Row("GET", "/api/village-pay/payroll/{year}.csv", Department),
        Row("GET", "/api/village-pay/statistics/selection", Department, "P3 funnel, county totals; format=xlsx|csv"),
        Row("GET", "/api/village-pay/statistics.html", Department, "charts page"),

        // workflow server
        Row("GET", "/api/workflows/definitions", WorkflowStaff),
        Row("GET", "/api/workflows/activities", WorkflowStaff),
        Row("POST", "/api/workflows/{definitionId}/instances", Department, "operators do not start procedures"),
        Row("GET", "/api/workflows/instances", WorkflowStaff, "summaries only"),
        Row("GET", "/api/workflows/instances/{id}", InstanceReaders, "variables and journal payloads"),
        Row("GET", "/api/workflows/instances/{id}/journal/verify", WorkflowStaff, "C1 check, no payloads"),
        Row("POST", "/api/workflows/instances/{id}/cancel", WorkflowStaff),
        Row("POST", "/api/workflows/instances/{id}/retry", WorkflowStaff),
        Row("GET", "/api/workflows/incidents", InstanceReaders, "incidents keep the failed message"),
        Row("POST", "/api/workflows/instances/{id}/incidents/{incidentId}/retry", WorkflowStaff),
        Row("POST", "/api/workflows/instances/{id}/incidents/{incidentId}/skip", Department, "skipping decides the step's outcome"),
        Row("POST", "/api/workflows/incidents/{incidentId}/retry", WorkflowStaff),
        Row("POST", "/api/workflows/incidents/{incidentId}/skip", Department, "skipping decides the step's outcome"),
        Row("POST", "/api/workflows/events", Department, "human steps only; service facts refused"),
        Row("GET", "/workflows/http/{path}", Department, "HTTP Endpoint activities of the county's procedures"),
        Row("POST", "/workflows/http/{path}", Department, "HTTP Endpoint activities of the county's procedures"),
        Row("PUT", "/workflows/http/{path}", Department, "HTTP Endpoint activities of the county's procedures"),
        Row("DELETE", "/workflows/http/{path}", Department, "HTTP Endpoint activities of the county's procedures"),
        Row("PATCH", "/workflows/http/{path}", Department, "HTTP Endpoint activities of the county's procedures"),
        Row("GET", "/api/workflows/waiting-facts", InstanceReaders, "facts kept for steps not reached yet"),
        Row("GET", "/api/workflows/accountability/{cadreId}", DepartmentAndSecretary, "C2 voters, as in vetting"),
        Row("GET", "/api/workflows/cadres/{cadreId}/record", RecordReaders, "C1: the full-process record of one cadre; V4 form for the department only"),
        Row("GET", "/api/workflows/reminders", WorkflowStaff, "waits with a date, by responsible person"),
        Row("GET", "/api/workflows/reminders/calendar.ics", WorkflowStaff, "the same as iCalendar"),
        Row("GET", "/api/workflows/cadres/{cadreId}/record.html", RecordReaders, "the same, as a page to print"),
        Row("GET", "/api/workflows/cadres/{cadreId}/record.pdf", RecordReaders, "the same, as PDF with the CJK font embedded"),
        Row("GET", "/api/workflows/notices/templates", Department, "notices' and forms' templates (Liquid), current versions"),
        Row("GET", "/api/workflows/notices/templates/{key}", Department, "one template with its history"),
        Row("PUT", "/api/workflows/notices/templates/{key}", Designers, "a new version; earlier ones kept"),
        Row("GET", "/api/workflows/cadres/{cadreId}/notices/{key}", Department, "a notice or form rendered from the record, as HTML"),
        Row("GET", "/api/workflows/cadres/{cadreId}/notices/{key}/pdf", Department, "the same, as PDF"),
        Row("GET", "/api/workflows/statistics/procedures", WorkflowStaff, "in progress by step and age; format=xlsx|csv"),
        Row("GET", "/api/workflows/statistics/waits", WorkflowStaff, "overdue and upcoming waits by kind; format=xlsx|csv"),
        Row("GET", "/api/workflows/statistics.html", WorkflowStaff, "charts page, links the services' pages"),
        Row("POST", "/api/workflows/alterations/dry-run", Designers, "changes nothing; says why each instance cannot move"),
        Row("POST", "/api/workflows/alterations/run", Designers, "at most 100 instances, each journaled"),
        Row("POST", "/api/workflows/alterations/submit", Designers, "applied in batches in the background, each journaled"),
        Row("POST", "/api/workflows/alterations/workflows/retry", WorkflowStaff, "as POST /instances/{id}/retry, for several"),
        Row("GET", "/api/workflows/alterations/{id}", Designers),
        Row("GET", "/api/workflows/alterations", Designers),
        Row("GET", "/api/workflows/calendar", Anyone, "C5"),
        Row("GET", "/api/workflows/calendar/{year}", Anyone, "C5"),

        // Elsa API for the Studio
        .. new[]
        {
            "/descriptors/activities", "/descriptors/expression-descriptors", "/descriptors/variables", "/descriptors/storage-drivers",
            "/descriptors/workflow-activation-strategies", "/descriptors/incident-strategies", "/descriptors/log-persistence-strategies",
            "/descriptors/commit-strategies/workflows", "/descriptors/commit-strategies/activities", "/descriptors/output-converters",
            "/features/installed", "/package/version",
            "/workflow-definitions", "/workflow-definitions/by-definition-id/{definitionId}", "/workflow-definitions/by-id/{id}",
            "/workflow-definitions/many-by-id", "/workflow-definitions/query/count", "/workflow-definitions/validation/is-name-unique",
            "/workflow-definitions/{definitionId}/consumers", "/workflow-definitions/{definitionId}/export",
        }.Select(route => Row("GET", "/elsa/api" + route, WorkflowStaff)),
        Row("POST", "/elsa/api/scripting/javascript/type-definitions/{definitionId}", WorkflowStaff),
        Row("POST", "/elsa/api/workflow-definitions", Designers),
        Row("POST", "/elsa/api/workflow-definitions/import", Designers),
        Row("POST", "/elsa/api/workflow-definitions/import-files", Designers),
        Row("POST", "/elsa/api/workflow-definitions/{definitionId}/publish", Designers),
        Row("POST", "/elsa/api/workflow-definitions/{definitionId}/retract", Designers),
        Row("DELETE", "/elsa/api/workflow-definitions/{definitionId}", Designers),
        Row("POST", "/elsa/api/workflow-definitions/{definitionId}/revert/{version}", Designers),
        Row("DELETE", "/elsa/api/workflow-definition-versions/{id}", Designers),
        Row("POST", "/elsa/api/bulk-actions/publish/workflow-definitions/by-definition-ids", Designers),
        Row("POST", "/elsa/api/bulk-actions/retract/workflow-definitions/by-definition-ids", Designers),
        Row("POST", "/elsa/api/bulk-actions/delete/workflow-definitions/by-definition-id", Designers),
        Row("POST", "/elsa/api/workflow-definitions/{definitionId}/execute", Department, "starts a procedure"),
        Row("POST", "/elsa/api/workflow-instances", WorkflowStaff, "list of summaries"),
        Row("GET", "/elsa/api/workflow-instances/{id}", InstanceReaders, "with its state"),
        Row("GET", "/elsa/api/workflow-instances/{id}/execution-state", WorkflowStaff),
        Row("GET", "/elsa/api/workflow-instances/{id}/variables", InstanceReaders),
        Row("GET", "/elsa/api/workflow-instances/{id}/journal", InstanceReaders),
        Row("POST", "/elsa/api/workflow-instances/{id}/journal", InstanceReaders),
        Row("POST", "/elsa/api/activity-executions/report", WorkflowStaff, "counts per activity"),
        Row("GET", "/elsa/api/activity-executions/list", InstanceReaders),
        Row("GET", "/elsa/api/activity-execution-summaries/list", InstanceReaders),
        Row("GET", "/elsa/api/activity-executions/by-id", InstanceReaders),
        Row("POST", "/elsa/api/cancel/workflow-instances/{id}", WorkflowStaff, "cancels, journaled with the person (C1)"),
        Row("DELETE", "/elsa/api/workflow-instances/{id}", WorkflowStaff, "refused: procedures are kept (C1)"),
        Row("POST", "/elsa/api/bulk-actions/cancel/workflow-instances", WorkflowStaff, "cancels the county's selected instances, each journaled (C1)"),
        Row("POST", "/elsa/api/bulk-actions/delete/workflow-instances/by-id", WorkflowStaff, "refused: procedures are kept (C1)"),
        Row("POST", "/elsa/api/alterations/dry-run", Designers, "as /api/workflows/alterations"),
        Row("POST", "/elsa/api/alterations/run", Designers, "as /api/workflows/alterations"),
        Row("POST", "/elsa/api/alterations/submit", Designers, "as /api/workflows/alterations"),
        Row("POST", "/elsa/api/alterations/workflows/retry", WorkflowStaff, "as /api/workflows/alterations"),
        Row("GET", "/elsa/api/alterations/{id}", Designers),
        Row("GET", "/elsa/api/alterations", Designers),

        // reached without a role
        Public("GET", "/health/live"),
        Public("GET", "/health/ready"),
        Public("GET", "/health/operations"),
        Public("GET", "/health/broker", "the broker, Degraded while it is away; never taken into readiness"),
        Public("GET", "/metrics", "Prometheus, on the pod network only: the Ingress never routes it"),
        Public("GET", "/openapi/{documentName}.json", "the API description"),
        Public("GET", "/scalar/{documentName}", "the API reference page"),
        Public("GET", "/scalar/scalar.js"),
        Public("GET", "/scalar/scalar.aspnetcore.js"),
        Public("GET", "/scalar/favicon.svg"),
        Public("GET", "/dapr/subscribe", "read by the Dapr sidecar"),
        Public("GET", "/", "the workflow server's address leads to the Studio"),
        Public("GET", "/studio", "Studio pages; the API calls they make are checked"),
        Public("GET", "/studio/login"),
        Public("POST", "/studio/login"),
        Public("POST", "/studio/logout"),
        Public("GET", "/studio/definitions/{definitionId}"),
        Public("GET", "/studio/instances"),
        Public("GET", "/studio/alterations", "administrators move running instances; others are told why they cannot"),
        Public("GET", "/studio/instances/{instanceId}"),
        Public("GET", "/studio/signin-oidc", "the OIDC authority's answer (Auth:Authority set), handled by the sign-in middleware"),
        Public("POST", "/local/token", "embedded mode on loopback only"),
        Partner("POST", "/dapr/events/report-verified"),
        Partner("POST", "/dapr/events/cadre-notification"),
        Partner("POST", "/dapr/events/payroll-acknowledged"),
    ];

    static readonly Dictionary<string, AccessRule> ByKey = Rules.ToDictionary(r => r.Key, StringComparer.OrdinalIgnoreCase);

    static AccessRule Row(string method, string route, string[] roles, string note = "") => new(method, route, AccessKind.Roles, roles, note);

    static AccessRule Public(string method, string route, string note = "") => new(method, route, AccessKind.Public, [], note);

    static AccessRule Partner(string method, string route) =>
        new(method, route, AccessKind.Partner, [], "a partner department's sidecar, not a role");

    public static string Key(string method, string route) => $"{method.ToUpperInvariant()} {Normalize(route)}";

    /// <summary>A route as the table writes it: parameters without constraints or defaults, no trailing or doubled slashes.</summary>
    public static string Normalize(string route)
    {
        var text = System.Text.RegularExpressions.Regex.Replace(route, @"\{\*{0,2}([^}:=?]+)[^}]*\}", "{$1}");
        while (text.Contains("//")) text = text.Replace("//", "/");
        return text.Length > 1 ? text.TrimEnd('/') : text;
    }

    public static string Normalize(RoutePattern pattern)
    {
        var text = new StringBuilder();
        foreach (var segment in pattern.PathSegments)
        {
            text.Append('/');
            foreach (var part in segment.Parts)
                text.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternParameterPart parameter => $"{{{parameter.Name}}}",
                    RoutePatternSeparatorPart separator => separator.Content,
                    _ => "",
                });
        }
        return text.Length == 0 ? "/" : text.ToString();
    }

    public static AccessRule? Find(string method, string route) => ByKey.GetValueOrDefault(Key(method, route));

    public static AccessRule? Find(string method, RoutePattern pattern) => ByKey.GetValueOrDefault($"{method.ToUpperInvariant()} {Normalize(pattern)}");

    /// <summary>Short column names of the roles, in the README's order.</summary>
    public static readonly IReadOnlyList<(string Role, string Column)> Columns =
    [
        (OrganizationDepartment, "OD"), (CommitteeSecretary, "CS"), (CommitteeMember, "CM"), (Auditor, "AU"),
        (Township, "TW"), (Administrator, "AD"), (Operator, "OP"),
    ];

    /// <summary>The table as the ServiceDefaults README shows it.</summary>
    public static string Markdown()
    {
        var text = new StringBuilder();
        text.Append("| endpoint | ").Append(string.Join(" | ", Columns.Select(c => c.Column))).Append(" | note |\n");
        text.Append("|---|").Append(string.Concat(Columns.Select(_ => "---|"))).Append("---|\n");
        foreach (var rule in Rules)
        {
            text.Append($"| `{rule.Method} {rule.Route}` | ");
            var cells = rule.Kind switch
            {
                AccessKind.Public => Columns.Select(_ => "·"),
                AccessKind.Partner => Columns.Select(_ => "–"),
                _ => Columns.Select(c => rule.Roles.Contains(c.Role) ? "✓" : ""),
            };
            text.Append(string.Join(" | ", cells)).Append(" | ");
            text.Append(rule.Kind switch
            {
                AccessKind.Public => "public" + (rule.Note.Length > 0 ? $": {rule.Note}" : ""),
                AccessKind.Partner => rule.Note,
                _ => rule.Note,
            }).Append(" |\n");
        }
        return text.ToString();
    }
}
