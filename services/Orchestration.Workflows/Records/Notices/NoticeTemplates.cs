using System.Reflection;
using Fluid;
using Microsoft.EntityFrameworkCore;
using Orchestration.ServiceDefaults.Http;
using Orchestration.Workflows.Data;

namespace Orchestration.Workflows.Records.Notices;

/// <summary>A notice or form the department prints from a cadre's record, with the rule it serves.</summary>
/// <param name="Kind">"notice" for a public notice, "form" for a form the cadre or the nominator fills in.</param>
public sealed record NoticeKind(string Key, string Title, string Kind, string Rule);

/// <summary>
/// The notices and forms the seeds name, each with a Liquid template shipped with the product (version 0). An administrator's
/// edit is a new version of the county's template; the versions before it are kept.
/// </summary>
public static class NoticeCatalog
{
    public static readonly IReadOnlyList<NoticeKind> All =
    [
        new("inspection-notice", "考察预告", "notice", "V1"),
        new("disclosure-round1", "考察对象有关事项第一次公开公告", "notice", "V4"),
        new("disclosure-round2", "拟提拔人选有关事项第二次公开公告", "notice", "V4"),
        new("publicity-notice", "任前公示", "notice", "V8"),
        new("appointment-notice", "任职通知", "notice", "V9"),
        new("village-evaluation-publicity", "嘎查村“两委”班子工作实绩考评结果公示", "notice", "P2"),
        new("form-nominator-registration", "推荐干部登记表", "form", "N3"),
        new("form-disclosure", "考察对象有关事项公开表", "form", "V4"),
        new("form-self-evaluation", "考察对象廉洁自律有关规定执行情况自我评价表", "form", "V4"),
    ];

    /// <summary>The kind named <paramref name="key"/>; <see cref="NotFoundException"/> for a key the product does not know.</summary>
    public static NoticeKind Of(string key) =>
        All.FirstOrDefault(k => k.Key == key) ?? throw new NotFoundException($"No notice or form '{key}'; the known ones are {string.Join(", ", All.Select(k => k.Key))}.");

    /// <summary>The template shipped with the product for <paramref name="key"/>.</summary>
    public static string Shipped(string key)
    {
        using var stream = typeof(NoticeCatalog).Assembly.GetManifestResourceStream($"Notices.{key}.liquid")
                           ?? throw new InvalidOperationException($"The shipped template {key}.liquid is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>One saved version of a county's template of a notice or form; version 0 is the shipped one and is not stored.</summary>
public sealed class NoticeTemplateVersion
{
    public long Id { get; set; }

    public required string TenantId { get; set; }

    public required string Key { get; set; }

    public int Version { get; set; }

    public required string Title { get; set; }

    public required string Body { get; set; }

    public required string SavedBy { get; set; }

    public DateTimeOffset SavedAt { get; set; }
}

/// <summary>A template as listed: its current version and who saved it (null for the shipped one).</summary>
/// <param name="Key">The template's key, e.g. publicity-notice.</param>
/// <param name="Title">The notice's title.</param>
/// <param name="Kind">What the template writes, e.g. a publicity notice (公示).</param>
/// <param name="Rule">The rule the notice serves (e.g. V8).</param>
/// <param name="Version">The current version's number.</param>
/// <param name="Shipped">The current version is the one shipped with the product.</param>
/// <param name="SavedBy">Who saved the current version; empty for the shipped one.</param>
/// <param name="SavedAt">When it was saved (UTC instant); empty for the shipped one.</param>
public sealed record NoticeTemplateSummary(string Key, string Title, string Kind, string Rule, int Version, bool Shipped, string? SavedBy, DateTimeOffset? SavedAt);

/// <summary>A version of a template with its text.</summary>
/// <param name="Version">The version's number.</param>
/// <param name="Title">The notice's title.</param>
/// <param name="Body">The Liquid body the notice is written from.</param>
/// <param name="SavedBy">Who saved the version; empty for the shipped one.</param>
/// <param name="SavedAt">When it was saved (UTC instant); empty for the shipped one.</param>
public sealed record NoticeTemplateText(int Version, string Title, string Body, string? SavedBy, DateTimeOffset? SavedAt);

/// <summary>A template's current version and every version before it, newest first (the shipped one last).</summary>
/// <param name="Key">The template's key, e.g. publicity-notice.</param>
/// <param name="Kind">What the template writes, e.g. a publicity notice (公示).</param>
/// <param name="Rule">The rule the notice serves (e.g. V8).</param>
/// <param name="Current">The current version.</param>
/// <param name="History">The versions before it, newest first (the shipped one last).</param>
public sealed record NoticeTemplateDetails(string Key, string Kind, string Rule, NoticeTemplateText Current, IReadOnlyList<NoticeTemplateText> History);

/// <summary>A new version of a template: the Liquid body, and a title (the current one when omitted).</summary>
/// <param name="Body">The new Liquid body; the current one when left out.</param>
/// <param name="Title">The new title; the current one when left out.</param>
public sealed record SaveNoticeTemplateRequest(string? Body, string? Title);

/// <summary>Reads and versions the county's templates.</summary>
public sealed class NoticeTemplates(WorkflowDbContext db, TimeProvider time)
{
    /// <summary>The longest template kept.</summary>
    public const int MaxBodyLength = 100_000;

    internal static readonly FluidParser Parser = new();

    public async Task<IReadOnlyList<NoticeTemplateSummary>> ListAsync(string tenantId, CancellationToken ct)
    {
        var latest = await db.Set<NoticeTemplateVersion>().AsNoTracking().Where(t => t.TenantId == tenantId)
            .GroupBy(t => t.Key).Select(g => g.OrderByDescending(t => t.Version).First()).ToListAsync(ct);
        return NoticeCatalog.All.Select(kind => latest.FirstOrDefault(t => t.Key == kind.Key) is { } saved
            ? new NoticeTemplateSummary(kind.Key, saved.Title, kind.Kind, kind.Rule, saved.Version, false, saved.SavedBy, saved.SavedAt)
            : new NoticeTemplateSummary(kind.Key, kind.Title, kind.Kind, kind.Rule, 0, true, null, null)).ToList();
    }

    public async Task<NoticeTemplateDetails> GetAsync(string tenantId, string key, CancellationToken ct)
    {
        var kind = NoticeCatalog.Of(key);
        var saved = await db.Set<NoticeTemplateVersion>().AsNoTracking().Where(t => t.TenantId == tenantId && t.Key == key)
            .OrderByDescending(t => t.Version).ToListAsync(ct);
        var versions = saved.Select(t => new NoticeTemplateText(t.Version, t.Title, t.Body, t.SavedBy, t.SavedAt))
            .Append(new NoticeTemplateText(0, kind.Title, NoticeCatalog.Shipped(key), null, null)).ToList();
        return new NoticeTemplateDetails(key, kind.Kind, kind.Rule, versions[0], versions);
    }

    /// <summary>
    /// Keeps <paramref name="request"/> as the next version of the county's template. A body that is empty, too long or not
    /// Liquid is refused naming the field (a 400 through the shared problem answers); nothing is stored then.
    /// </summary>
    public async Task<NoticeTemplateDetails> SaveAsync(string tenantId, string key, SaveNoticeTemplateRequest request, string actor, CancellationToken ct)
    {
        var kind = NoticeCatalog.Of(key);
        if (string.IsNullOrWhiteSpace(request.Body)) throw Refused("body", "The template's body is required.");
        if (request.Body.Length > MaxBodyLength) throw Refused("body", $"The template is longer than {MaxBodyLength} characters.");
        if (!Parser.TryParse(request.Body, out _, out var error)) throw Refused("body", $"The template is not valid Liquid: {error}");
        if (request.Title is { Length: > 200 }) throw Refused("title", "The title is longer than 200 characters.");
        var current = await GetAsync(tenantId, key, ct);
        db.Set<NoticeTemplateVersion>().Add(new NoticeTemplateVersion
        {
            TenantId = tenantId, Key = kind.Key, Version = current.Current.Version + 1,
            Title = string.IsNullOrWhiteSpace(request.Title) ? current.Current.Title : request.Title.Trim(),
            Body = request.Body, SavedBy = actor.Length <= 200 ? actor : actor[..200], SavedAt = time.GetUtcNow(),
        });
        await db.SaveChangesAsync(ct);
        return await GetAsync(tenantId, key, ct);
    }

    static RequestValidationException Refused(string field, string message) =>
        new("The template is refused.", new Dictionary<string, string[]> { [field] = [message] });
}
