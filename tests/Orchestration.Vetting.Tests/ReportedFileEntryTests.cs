using Microsoft.EntityFrameworkCore;
using Orchestration.Contracts;
using Orchestration.ServiceDefaults.Messaging;
using Orchestration.Testing;
using Orchestration.Vetting.CadreFiles;
using Shouldly;
using Xunit;

namespace Orchestration.Vetting.Tests;

/// <summary>
/// C3, A5 — what audit and disposition report for a cadre reaches the cadre's file over the real RabbitMQ: a commendation for an
/// excellent audit (「审计结果为优秀的予以表彰」) and an organizational measure, each once however often it is announced.
/// </summary>
[Collection(VettingCollection.Name)]
public sealed class ReportedFileEntryTests(VettingHostFixture vetting)
{
    readonly VettingApi api = new(vetting);

    CadreFileEntryReported Commendation(Guid cadreId, string auditId) => new(Guid.Empty, api.Tenant, cadreId, CadreFileEntryKinds.Commendation,
        "Excellent economic-responsibility audit", "audit 2026 of the county water bureau rated excellent", new DateOnly(2026, 11, 30), "audit", auditId, "A5");

    [Fact]
    public async Task A5_a_commendation_and_a_measure_reported_enter_the_file_once_each_with_who_reported_them()
    {
        var cadreId = Guid.NewGuid();
        await api.OpenFile(cadreId);
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri);
        var auditId = Guid.NewGuid().ToString();

        await probe.Publish(Commendation(cadreId, auditId));
        await probe.Publish(Commendation(cadreId, auditId), Guid.NewGuid()); // announced again as another message: the same fact
        await probe.Publish(new CadreFileEntryReported(Guid.Empty, api.Tenant, cadreId, CadreFileEntryKinds.Disposition, "OffPostTraining",
            "decided by the standing committee", new DateOnly(2026, 12, 1), "disposition", Guid.NewGuid().ToString(), "D4"));

        var entries = await Eventually.Get(async () =>
        {
            var view = await api.Get<CadreFileView>($"cadre-files/{cadreId}");
            return view.Entries.Count >= 2 ? view.Entries : null;
        }, "both reported entries in the file");
        // A later report of another cadre has gone through the same queue, so a second copy of the commendation would have landed too.
        var marker = Guid.NewGuid();
        await probe.Publish(Commendation(marker, Guid.NewGuid().ToString()));
        await Eventually.True(async () => await api.Db(db => db.CadreFileEntries.AnyAsync(e => e.CadreId == marker)), "the marker's entry");

        entries = (await api.Get<CadreFileView>($"cadre-files/{cadreId}")).Entries;
        entries.Select(e => e.Category).Order().ShouldBe([CadreFileCategory.Commendation, CadreFileCategory.Disposition]);
        var commendation = entries.Single(e => e.Category == CadreFileCategory.Commendation);
        commendation.Source.ShouldBe("audit");
        commendation.SourceReference.ShouldBe(auditId);
        commendation.On.ShouldBe(new DateOnly(2026, 11, 30));
        commendation.Year.ShouldBe(2026);
        commendation.Summary.ShouldContain("rated excellent");
        commendation.RecordedBy.ShouldBe("audit");
        // The file is read in Chinese: the measure by the name the department uses, not its code.
        entries.Single(e => e.Category == CadreFileCategory.Disposition).Summary.ShouldBe("离岗培训：decided by the standing committee（D4）");
    }

    [Fact]
    public async Task C3_a_report_for_a_cadre_whose_file_is_not_opened_yet_is_kept_and_shown_once_the_file_is_opened()
    {
        var cadreId = Guid.NewGuid();
        await using var probe = await BusProbe.StartAsync(vetting.Servers.RabbitMq.AmqpUri);
        await probe.Publish(Commendation(cadreId, Guid.NewGuid().ToString()));
        await Eventually.True(async () => await api.Db(db => db.CadreFileEntries.AnyAsync(e => e.CadreId == cadreId)), "the kept entry");

        await api.OpenFile(cadreId);

        (await api.Get<CadreFileView>($"cadre-files/{cadreId}")).Entries.ShouldHaveSingleItem().Category.ShouldBe(CadreFileCategory.Commendation);
    }

    [Fact]
    public void C3_a_kind_the_file_does_not_know_is_kept_under_other_not_lost() =>
        ReportedEntryConsumer.CategoryOf("training").ShouldBe(CadreFileCategory.Other);
}
