using System.ComponentModel;
using Orchestration.ServiceDefaults.Reports;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Orchestration.ServiceDefaults.Http;
using Orchestration.ServiceDefaults.Security;
using Orchestration.ServiceDefaults.Time;
using Orchestration.Workflows.Data;
using Orchestration.Workflows.Runtime;
using PdfSharp.Pdf;

namespace Orchestration.Workflows.Records.Notices;

/// <summary>The printed record (PDF) and the notices and forms rendered from it, with their templates.</summary>
internal static class NoticeApi
{
    /// <summary>Query values that choose what is rendered; the others reach the template as <c>params</c>.</summary>
    static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase) { "procedureId", "opensOn" };

    public static void MapNoticeApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/workflows").WithTags("Records and notices")
            .WithIdempotency<WorkflowDbContext>(); // a template saved again with its Idempotency-Key gets the first answer, not a second version

        api.MapGet("/cadres/{cadreId:guid}/record.pdf", async ([Description("The cadre's id.")] Guid cadreId, WorkflowDbContext db, JournalSeals seals, CountyClock clock,
                IConfiguration configuration, HttpContext http, CancellationToken ct) =>
            {
                var tenant = http.User.TenantId();
                var record = (await CadreRecordQueries.ReadAsync(cadreId, tenant, db, seals, ct)).For(http.User);
                var pdf = CadreRecordPdf.Render(record, ReportPage.Department(configuration, tenant), clock, tenant, Font(configuration));
                return Results.File(pdf, "application/pdf", $"record-{cadreId}.pdf");
            })
            .WithSummary("C1: the cadre's full-process record as PDF (A4, 全程记实表), the CJK font embedded so the text can be searched.");

        api.MapGet("/notices/templates", async (NoticeTemplates templates, HttpContext http, CancellationToken ct) =>
                await templates.ListAsync(http.User.TenantId(), ct))
            .WithSummary("The notices and forms the county prints from a cadre's record, each with its template's current version (0: as shipped).");

        api.MapGet("/notices/templates/{key}", async ([Description("The notice template's key, e.g. publicity-notice.")] string key, NoticeTemplates templates, HttpContext http, CancellationToken ct) =>
                await templates.GetAsync(http.User.TenantId(), key, ct))
            .WithSummary("A notice's or form's Liquid template: the current version and every earlier one, the shipped one last.");

        api.MapPut("/notices/templates/{key}", async ([Description("The notice template's key, e.g. publicity-notice.")] string key, SaveNoticeTemplateRequest request, NoticeTemplates templates, HttpContext http,
                CancellationToken ct) => Results.Ok(await templates.SaveAsync(http.User.TenantId(), key, request, http.User.ActorId(), ct)))
            .WithSummary("Saves a new version of the county's template (Liquid); the earlier versions are kept. A body that does not parse is refused.");

        api.MapGet("/cadres/{cadreId:guid}/notices/{key}", async ([Description("The cadre's id.")] Guid cadreId, [Description("The notice template's key, e.g. publicity-notice.")] string key, NoticeTemplates templates, NoticeRenderer renderer,
                WorkflowDbContext db, JournalSeals seals, IConfiguration configuration, HttpContext http, CancellationToken ct) =>
            {
                var (title, html) = await RenderAsync(cadreId, key, templates, renderer, db, seals, configuration, http, ct);
                return Results.Content(NoticeRenderer.Page(title, html), "text/html; charset=utf-8");
            })
            .WithSummary("A notice or form rendered from the cadre's record with the county's template: dates on the official calendar (C5), " +
                         "places and reporting channels (C4). procedureId chooses the procedure, opensOn the day the window opens.");

        api.MapGet("/cadres/{cadreId:guid}/notices/{key}/pdf", async ([Description("The cadre's id.")] Guid cadreId, [Description("The notice template's key, e.g. publicity-notice.")] string key, NoticeTemplates templates, NoticeRenderer renderer,
                WorkflowDbContext db, JournalSeals seals, IConfiguration configuration, HttpContext http, CancellationToken ct) =>
            {
                var (title, html) = await RenderAsync(cadreId, key, templates, renderer, db, seals, configuration, http, ct);
                using var document = new PdfDocument();
                document.Info.Title = title;
                var writer = new RecordPdfWriter(document, Font(configuration));
                foreach (var block in NoticeRenderer.Blocks(html))
                    switch (block.Kind)
                    {
                        case NoticeBlockKind.Heading: writer.Heading(block.Text, 15); break;
                        case NoticeBlockKind.Table: writer.Form(block.Rows); break;
                        default: writer.Line(block.Text, 11, centered: false); break;
                    }
                return Results.File(writer.Finish(), "application/pdf", $"{key}-{cadreId}.pdf");
            })
            .WithSummary("The same notice or form as PDF, the CJK font embedded.");
    }

    static async Task<(string Title, string Html)> RenderAsync(Guid cadreId, string key, NoticeTemplates templates, NoticeRenderer renderer,
        WorkflowDbContext db, JournalSeals seals, IConfiguration configuration, HttpContext http, CancellationToken ct)
    {
        var tenant = http.User.TenantId();
        var template = (await templates.GetAsync(tenant, key, ct)).Current;
        var record = (await CadreRecordQueries.ReadAsync(cadreId, tenant, db, seals, ct)).For(http.User);
        var query = http.Request.Query;
        RecordedProcedure? procedure;
        if (query["procedureId"].ToString() is { Length: > 0 } asked)
        {
            if (!Guid.TryParse(asked, out var id)) throw Invalid("procedureId", "procedureId is not a procedure's id.");
            procedure = record.Procedures.FirstOrDefault(p => p.Id == id) ?? throw new NotFoundException($"No procedure {id} of the cadre {cadreId}.");
        }
        else
            procedure = record.Procedures.LastOrDefault(p => p.DefinitionId == "cadre-appointment") ?? record.Procedures.LastOrDefault();
        var input = new JsonObject();
        if (procedure is not null
            && await db.Instances.AsNoTracking().Where(i => i.Id == procedure.Id && i.TenantId == tenant).Select(i => i.StateJson).SingleOrDefaultAsync(ct) is { } state)
            input = InstanceState.FromJson(state).Input;
        var opensOn = renderer.Today(tenant);
        if (query["opensOn"].ToString() is { Length: > 0 } day
            && !DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out opensOn))
            throw Invalid("opensOn", "opensOn is a date written yyyy-MM-dd.");
        var parameters = query.Where(q => !Reserved.Contains(q.Key)).Take(20)
            .ToDictionary(q => q.Key, q => q.Value.ToString() is var v && v.Length > 500 ? v[..500] : v, StringComparer.Ordinal);
        var model = renderer.Model(new NoticeSubject(record, procedure, input, opensOn, parameters), ReportPage.Department(configuration, tenant), tenant);
        return (template.Title, NoticeRenderer.Render(template.Body, model));
    }

    static FluentValidation.ValidationException Invalid(string field, string message) => new([new FluentValidation.Results.ValidationFailure(field, message)]);


    static string Font(IConfiguration configuration) =>
        RecordFont.Locate(configuration) is { } font ? RecordFont.Use(font.Path, font.Index) : throw new ServiceUnavailableException(RecordFont.MissingMessage(configuration));
}

