using Orchestration.Contracts.Vetting;

namespace Orchestration.Vetting.CadreFiles;

/// <summary>
/// V2 — the three ages and one history (date of birth, of joining the Party, of starting work; education and career history)
/// submitted for a promotion, transfer or commendation must match the cadre's file; every differing field is reported.
/// Text is compared after trimming and collapsing white space, so a re-typed line with an extra space is not a mismatch.
/// </summary>
public static class AgesAndHistoryCheck
{
    public static IReadOnlyList<FieldMismatch> Compare(VerifyAgesAndHistory submitted, CadreFile file)
    {
        var mismatches = new List<FieldMismatch>();
        if (submitted.BirthDate != file.BirthDate)
            mismatches.Add(new("birthDate", Date(submitted.BirthDate), Date(file.BirthDate)));
        if (submitted.PartyJoinedOn != file.PartyJoinedOn)
            mismatches.Add(new("partyJoinedOn", Date(submitted.PartyJoinedOn), Date(file.PartyJoinedOn)));
        if (submitted.WorkStartedOn != file.WorkStartedOn)
            mismatches.Add(new("workStartedOn", Date(submitted.WorkStartedOn), Date(file.WorkStartedOn)));
        if (Normalize(submitted.Education) != Normalize(file.Education))
            mismatches.Add(new("education", submitted.Education, file.Education));

        var submittedHistory = (submitted.CareerHistory ?? []).Select(Normalize).Where(l => l.Length > 0).ToList();
        var fileHistory = file.CareerHistory.Select(Normalize).Where(l => l.Length > 0).ToList();
        for (var line = 0; line < Math.Max(submittedHistory.Count, fileHistory.Count); line++)
        {
            var mine = line < submittedHistory.Count ? submittedHistory[line] : null;
            var theirs = line < fileHistory.Count ? fileHistory[line] : null;
            if (mine != theirs) mismatches.Add(new($"careerHistory[{line}]", mine, theirs));
        }
        return mismatches;
    }

    static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd");

    static string Normalize(string? text) => string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
