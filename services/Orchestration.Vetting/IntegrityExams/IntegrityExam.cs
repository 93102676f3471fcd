using Orchestration.ServiceDefaults.Commands;
namespace Orchestration.Vetting.IntegrityExams;

/// <summary>A pre-appointment integrity exam result, with the pass mark in force when it was taken (V3).</summary>
public sealed class IntegrityExam
{
    public Guid Id { get; set; }

    public required string TenantId { get; set; }

    public Guid ProcedureId { get; set; }

    public Guid CadreId { get; set; }

    public decimal Score { get; set; }

    public decimal PassMark { get; set; }

    public bool Passed { get; set; }

    public DateOnly TakenOn { get; set; }

    public required string RecordedBy { get; set; }

    public DateTimeOffset RecordedAt { get; set; }
}

/// <summary>V3 — only a candidate who passed the exam on Party discipline and law may be appointed (考试合格者方能任用).</summary>
public static class IntegrityExamRules
{
    /// <summary>A score at the pass mark passes.</summary>
    public static bool Passes(decimal score, decimal passMark) => score >= passMark;

    public static Refusal? CheckScore(decimal score) =>
        score is < 0 or > 100 ? new("score", "V3", "The exam is scored from 0 to 100.") : null;
}
