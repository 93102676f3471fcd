using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using FluentValidation;
using FluentValidation.Results;

namespace Orchestration.ServiceDefaults.Http;

/// <summary>
/// What every request is held to before its own validator runs, and the rules validators name explicitly: dates between 1900 and
/// 2200, years a county can mean, text without NUL, control or bidirectional-override characters and within its column's length,
/// enum values that are defined, collections without null elements.
/// </summary>
public static class SaneInput
{
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);
    public static readonly DateOnly LatestDate = new(2200, 12, 31);
    public const int EarliestYear = 1900;
    public const int LatestYear = 2200;

    /// <summary>The longest text any request field may carry; columns are shorter (their lengths are checked on save).</summary>
    public const int MaxTextLength = 8000;

    /// <summary>How deep a request may nest objects and arrays.</summary>
    public const int MaxDepth = 32;

    public static IRuleBuilderOptions<T, DateOnly> SaneDate<T>(this IRuleBuilder<T, DateOnly> rule) =>
        rule.InclusiveBetween(EarliestDate, LatestDate).WithMessage($"The date must be between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.");

    public static IRuleBuilderOptions<T, DateOnly?> SaneDate<T>(this IRuleBuilder<T, DateOnly?> rule) =>
        rule.Must(date => date is null || (date >= EarliestDate && date <= LatestDate))
            .WithMessage($"The date must be between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.");

    public static IRuleBuilderOptions<T, int> SaneYear<T>(this IRuleBuilder<T, int> rule, int earliest = EarliestYear, int latest = LatestYear) =>
        rule.InclusiveBetween(earliest, latest).WithMessage($"The year must be between {earliest} and {latest}.");

    public static IRuleBuilderOptions<T, int?> SaneYear<T>(this IRuleBuilder<T, int?> rule, int earliest = EarliestYear, int latest = LatestYear) =>
        rule.Must(year => year is null || (year >= earliest && year <= latest)).WithMessage($"The year must be between {earliest} and {latest}.");

    /// <summary>Text up to <paramref name="maxLength"/> characters with no NUL, control or bidirectional-override character.</summary>
    public static IRuleBuilderOptions<T, string?> SaneText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.MaximumLength(maxLength).Must(text => TextProblem(text) is null).WithMessage((_, text) => TextProblem(text) ?? "");

    /// <summary>A name: <see cref="SaneText{T}"/> on one line, not blank.</summary>
    public static IRuleBuilderOptions<T, string?> SaneName<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.NotEmpty().SaneText(maxLength).Must(text => text is null || !text.Contains('\n') && !text.Contains('\r') && !text.Contains('\t'))
            .WithMessage("A name is one line of text.");

    /// <summary>Why <paramref name="text"/> cannot be stored, or null.</summary>
    public static string? TextProblem(string? text)
    {
        if (text is null) return null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0') return $"The text contains a NUL character at position {i}.";
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r')) return $"The text contains the control character U+{(int)c:X4} at position {i}.";
            if (c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069')
                return $"The text contains the bidirectional formatting character U+{(int)c:X4} at position {i}.";
            if (char.IsHighSurrogate(c) && (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) || char.IsLowSurrogate(c) && (i == 0 || !char.IsHighSurrogate(text[i - 1])))
                return $"The text contains an unpaired surrogate at position {i}.";
        }
        return null;
    }

    /// <summary>
    /// The checks every request gets before its validator: text, dates, enum values and null elements anywhere in it, named by
    /// their JSON path (<c>items[0].statement</c>).
    /// </summary>
    public static List<ValidationFailure> Check(object request)
    {
        var failures = new List<ValidationFailure>();
        Walk(request, "", 0, failures);
        return failures;
    }

    static void Walk(object? value, string path, int depth, List<ValidationFailure> failures)
    {
        if (value is null || failures.Count >= 20) return;
        if (depth > MaxDepth)
        {
            failures.Add(new ValidationFailure(Name(path), "The request nests too deeply."));
            return;
        }

        switch (value)
        {
            case string text:
                if (text.Length > MaxTextLength) failures.Add(new ValidationFailure(Name(path), $"The text is longer than {MaxTextLength} characters."));
                else if (TextProblem(text) is { } problem) failures.Add(new ValidationFailure(Name(path), problem));
                return;
            case DateOnly date:
                if (date < EarliestDate || date > LatestDate) failures.Add(new ValidationFailure(Name(path), $"The date must be between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}."));
                return;
            case DateTime moment:
                if (moment.Year is < EarliestYear or > LatestYear) failures.Add(new ValidationFailure(Name(path), $"The date must be between {EarliestYear} and {LatestYear}."));
                return;
            case DateTimeOffset instant:
                if (instant.Year is < EarliestYear or > LatestYear) failures.Add(new ValidationFailure(Name(path), $"The date must be between {EarliestYear} and {LatestYear}."));
                return;
            case Enum member:
                if (!Enum.IsDefined(member.GetType(), member)) failures.Add(new ValidationFailure(Name(path), $"{member} is not one of {string.Join(", ", Enum.GetNames(member.GetType()))}."));
                return;
            case JsonNode node:
                WalkJson(node, path, depth, failures);
                return;
            case JsonElement element:
                WalkJson(JsonSerializer.SerializeToNode(element), path, depth, failures);
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    if (entry.Key is string key && TextProblem(key) is { } keyProblem) failures.Add(new ValidationFailure(Name(path), keyProblem));
                    Walk(entry.Value, Join(path, entry.Key?.ToString() ?? ""), depth + 1, failures);
                }
                return;
            case IEnumerable items:
                var index = 0;
                foreach (var item in items)
                {
                    var itemPath = $"{Name(path)}[{index++}]";
                    if (item is null) failures.Add(new ValidationFailure(itemPath, "The list must not contain null elements."));
                    else Walk(item, itemPath, depth + 1, failures);
                }
                return;
        }

        var type = value.GetType();
        if (type.IsPrimitive || type.IsEnum || value is decimal or Guid or TimeSpan or TimeOnly || type.Namespace?.StartsWith("System", StringComparison.Ordinal) == true)
            return;
        foreach (var property in Properties(type))
            Walk(property.GetValue(value), Join(path, property.Name), depth + 1, failures);
    }

    static void WalkJson(JsonNode? node, string path, int depth, List<ValidationFailure> failures)
    {
        if (node is null || failures.Count >= 20) return;
        if (depth > MaxDepth)
        {
            failures.Add(new ValidationFailure(Name(path), "The request nests too deeply."));
            return;
        }
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, child) in obj)
                {
                    if (TextProblem(key) is { } keyProblem) failures.Add(new ValidationFailure(Join(path, key), keyProblem));
                    WalkJson(child, Join(path, key), depth + 1, failures);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++) WalkJson(array[i], $"{Name(path)}[{i}]", depth + 1, failures);
                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                // Free-form payloads (workflow events) may be long; NUL and unpaired surrogates never store (PostgreSQL refuses them).
                if (TextProblem(text) is { } problem && (text.Contains('\0') || problem.Contains("surrogate", StringComparison.Ordinal)))
                    failures.Add(new ValidationFailure(Name(path), problem));
                break;
        }
    }

    static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, PropertyInfo[]> PropertyCache = new();

    static PropertyInfo[] Properties(Type type) => PropertyCache.GetOrAdd(type, t =>
        t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray());

    static string Join(string path, string name) => path.Length == 0 ? ProblemAnswers.CamelPath(name) : $"{path}.{ProblemAnswers.CamelPath(name)}";

    static string Name(string path) => path.Length == 0 ? "body" : path;

    /// <summary>
    /// The form a name is stored in: NFC, trimmed, without zero-width characters. Compare names by <see cref="NameKey"/>.
    /// </summary>
    public static string NormalizeName(string name)
    {
        var builder = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
            if (!IsInvisible(c)) builder.Append(c);
        return builder.ToString().Trim();
    }

    /// <summary>
    /// What two names are compared by: the stored form folded with NFKC (full-width letters and digits to half-width, compatibility
    /// ideographs to their unified form), inner white space collapsed, case ignored. <c>红旗村</c>, <c>红旗村\u200B</c>, <c>红旗村 </c> and
    /// <c>ＲＥＤ村</c>/<c>RED村</c>/<c>red村</c> share a key.
    /// </summary>
    public static string NameKey(string name)
    {
        var folded = NormalizeName(name).Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        var space = false;
        foreach (var c in folded)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }
            if (space) builder.Append(' ');
            space = false;
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }

    static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD' or '\u180E';
}
