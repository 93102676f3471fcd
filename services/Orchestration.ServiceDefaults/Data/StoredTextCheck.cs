using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Orchestration.ServiceDefaults.Http;

namespace Orchestration.ServiceDefaults.Data;

/// <summary>
/// Refuses a save whose text would not fit its column or could not be stored (NUL, control characters, unpaired surrogates): the
/// request is answered 400 naming the field, a procedure's command is refused, and nothing of it is stored. The lengths are the
/// model's (<c>HasMaxLength</c>), so requests and columns never disagree.
/// </summary>
public sealed class StoredTextCheck : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    static void Check(DbContext? context)
    {
        if (context is not null) Check(context.ChangeTracker.Entries());
    }

    /// <summary>The same refusal for <paramref name="entries"/> a context is about to store by other means than its own save.</summary>
    public static void Check(IEnumerable<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry> entries)
    {
        Dictionary<string, string[]>? errors = null;
        foreach (var entry in entries)
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified)) continue;
            foreach (var property in entry.Properties)
            {
                if (property.Metadata.ClrType != typeof(string) || property.CurrentValue is not string text) continue;
                if (entry.State == EntityState.Modified && !property.IsModified) continue;
                var field = ProblemAnswers.CamelPath(property.Metadata.Name);
                string? problem = property.Metadata.GetMaxLength() is { } max && text.Length > max
                    ? $"The text is longer than {max} characters."
                    : text.Contains('\0') ? "The text contains a NUL character." : null;
                if (problem is null) continue;
                errors ??= [];
                errors[field] = [problem];
            }
        }
        if (errors is not null) throw new RequestValidationException("The request holds text that cannot be stored.", errors);
    }
}
