using System.ComponentModel.DataAnnotations;

namespace Orchestration.Vetting;

/// <summary>Local practice the seeds quote as numbers (section <c>Vetting</c>); defaults are the seeds' values.</summary>
public sealed class VettingOptions
{
    public const string Section = "Vetting";

    /// <summary>V1: a public selection sends this many inspected candidates per post to the standing committee (001: three).</summary>
    [Range(2, 10)]
    public int PublicSelectionCandidatesPerPost { get; set; } = 3;

    /// <summary>
    /// V3: the lowest passing score of the pre-appointment integrity exam. The seed (000) says only "考试合格者方能任用"; 60 of
    /// 100, the usual pass mark of such exams, is our default.
    /// </summary>
    [Range(0, 100)]
    public decimal IntegrityExamPassMark { get; set; } = 60m;

    /// <summary>V4 round 1: working days the disclosure form is posted at the work unit and residence (004: 5).</summary>
    [Range(1, 60)]
    public int DisclosurePostingWorkingDays { get; set; } = 5;

    /// <summary>V4 round 2: working days the listed personal matters are published through TV and web (004: 5).</summary>
    [Range(1, 60)]
    public int DisclosurePublicationWorkingDays { get; set; } = 5;

    /// <summary>
    /// V5: "opinions diverge widely" (意见分歧较大) when at least this many of the four heads state reservations, even though none
    /// explicitly disagrees. The seed gives no number; two of four — as many doubting as agreeing — is our default.
    /// </summary>
    [Range(1, 4)]
    public int DeliberationDivergingReservations { get; set; } = 2;

    /// <summary>V8: working days of the pre-appointment publicity (5, as the disclosure windows of 004).</summary>
    [Range(1, 60)]
    public int PublicityWorkingDays { get; set; } = 5;

    /// <summary>
    /// V9: months of probation after appointment. The seeds (001, 002) name the probation but not its length; the default of one year
    /// is 《党政领导干部选拔任用工作条例》 (2019) art. 57: 「试用期为一年」.
    /// </summary>
    [Range(1, 60)]
    public int ProbationMonths { get; set; } = 12;
}
