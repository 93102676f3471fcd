using Orchestration.Contracts;
using Orchestration.Contracts.Disposition;

namespace Orchestration.Disposition.NonLeadershipTransfer;

/// <summary>
/// What D5 looks at for one leader. The last three are the organization department's findings, for which seed 003 gives no number:
/// health too poor for the post (因身体原因较差，难以担负现职领导工作), an older leader outstanding in every respect (各方面比较优秀，但年龄较大的实职干部),
/// education too low for the post (学历偏低).
/// </summary>
public sealed record TransferCircumstances(DateOnly BirthDate, Sex Sex, DateOnly? UnableToWorkSince = null, DateOnly? InPostSince = null,
    bool ResultsMediocre = false, bool HealthTooPoorForPost = false, bool OlderButOutstanding = false, bool EducationBelowPost = false);

/// <summary>Where seed 003 places a leader moved to a non-leadership post.</summary>
public static class TransferPlacements
{
    /// <summary>改任非领导职务</summary>
    public const string NonLeadershipPost = "non-leadership-post";

    /// <summary>改任上一级非领导职务，退居二线: an older leader outstanding in every respect takes the non-leadership post one level up.</summary>
    public const string NonLeadershipPostOneLevelUp = "non-leadership-post-one-level-up";

    /// <summary>
    /// 就地免职、易地安置: a leader moved for low education is removed where they serve and placed in another unit; the unit invites them
    /// to its important meetings.
    /// </summary>
    public const string RemovedInPlacePlacedElsewhere = "removed-in-place-placed-elsewhere";
}

/// <summary>A ground for the transfer: the D1 source it opens a case as, why, and where seed 003 places the leader.</summary>
/// <param name="Source">The D1 source the transfer opens a case as (age, health, assessment-and-evaluation or education).</param>
/// <param name="Reason">Why the ground applies, in words (D5).</param>
/// <param name="Placement">Where the cadre is placed (seed 003), e.g. a non-leadership post.</param>
public sealed record TransferGround(string Source, string Reason, string Placement = TransferPlacements.NonLeadershipPost);

public sealed record TransferVerdict(bool Due, IReadOnlyList<TransferGround> Grounds, DateOnly AgeTransferDate);

/// <summary>
/// D5 — transfer to a non-leadership post (改任非领导职务), seed 003: by age (到龄改非: men from their 52nd, women from their 50th
/// birthday, 满52周岁 / 满50周岁), by illness (因病改非: unable to work normally for one year or more, 一年以上 including exactly one year, or
/// health too poor for the post), by inaction (无作为改非: long in post with mediocre results); an older leader outstanding in every
/// respect moves to the non-leadership post one level up, a leader with low education is removed in place and placed elsewhere.
/// </summary>
public static class TransferRules
{
    /// <summary>The birth dates a cadre's file can hold.</summary>
    public static readonly DateOnly EarliestBirthDate = new(1900, 1, 1);

    public static readonly DateOnly LatestBirthDate = new(2100, 1, 1);

    public static int Age(Sex sex, DispositionOptions options) => sex == Sex.Male ? options.NonLeadershipAgeMen : options.NonLeadershipAgeWomen;

    /// <summary>The birthday on which the leader reaches the age (满 N 周岁); a 29 February birthday counts on 28 February.</summary>
    public static DateOnly AgeTransferDate(DateOnly birthDate, Sex sex, DispositionOptions options) => birthDate.AddYears(Age(sex, options));

    public static TransferVerdict Assess(TransferCircumstances leader, DateOnly asOf, DispositionOptions options)
    {
        var grounds = new List<TransferGround>();
        var ageDate = AgeTransferDate(leader.BirthDate, leader.Sex, options);
        if (asOf >= ageDate)
            grounds.Add(new(CaseSources.Age, $"reached {Age(leader.Sex, options)} on {ageDate:yyyy-MM-dd}"));
        // 「因身體原因不能堅持正常工作一年以上」 (seed 003): 以上 includes the number, so exactly one year is enough.
        if (leader.UnableToWorkSince is { } ill && asOf >= ill.AddYears(options.IllnessYears))
            grounds.Add(new(CaseSources.Health, $"unable to work normally since {ill:yyyy-MM-dd}, {options.IllnessYears} year(s) or more"));
        // 「或因身體原因較差，難以擔負現職領導工作」 (seed 003): the second illness ground, a finding without a duration.
        if (leader.HealthTooPoorForPost)
            grounds.Add(new(CaseSources.Health, "health too poor to carry the present leadership post"));
        if (leader.ResultsMediocre && leader.InPostSince is { } since && asOf >= since.AddYears(options.InactionYearsInPost))
            grounds.Add(new(CaseSources.AssessmentAndEvaluation, $"in post since {since:yyyy-MM-dd} ({options.InactionYearsInPost}+ years) with mediocre results"));
        // 「對各方面比較優秀，但年齡較大的實職干部，改任上一級非領導職務退居二線」 (seed 003).
        if (leader.OlderButOutstanding)
            grounds.Add(new(CaseSources.Age, "older leader outstanding in every respect: non-leadership post one level up (退居二线)",
                TransferPlacements.NonLeadershipPostOneLevelUp));
        // 「對學歷偏低而改任非領導職務的干部，原則上"就地免職、易地安置"」 (seed 003).
        if (leader.EducationBelowPost)
            grounds.Add(new(CaseSources.Education, "education too low for the post: removed in place, placed in another unit (就地免职、易地安置)",
                TransferPlacements.RemovedInPlacePlacedElsewhere));
        return new TransferVerdict(grounds.Count > 0, grounds, ageDate);
    }
}
