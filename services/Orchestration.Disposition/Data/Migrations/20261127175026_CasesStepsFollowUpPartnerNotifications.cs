using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Disposition.Data.Migrations
{
    /// <inheritdoc />
    public partial class CasesStepsFollowUpPartnerNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Reason",
                table: "trigger_evaluations",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000,
                oldNullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "FiredTriggers",
                table: "trigger_evaluations",
                type: "text[]",
                nullable: false);

            migrationBuilder.AddColumn<int>(
                name: "PartyConductFailuresRunning",
                table: "trigger_evaluations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "RatedUnsatisfactoryInReview",
                table: "trigger_evaluations",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "SpecialAssessmentBottomTimesRunning",
                table: "trigger_evaluations",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<string>(
                name: "ProposedMeasure",
                table: "disposition_cases",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(20)",
                oldMaxLength: 20);

            migrationBuilder.AlterColumn<string>(
                name: "Grounds",
                table: "disposition_cases",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000);

            migrationBuilder.AddColumn<string>(
                name: "Measure",
                table: "disposition_cases",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ReinstatedAt",
                table: "disposition_cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SourceReference",
                table: "disposition_cases",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "disposition_case_steps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Step = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Measure = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_disposition_case_steps", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "follow_up_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CadreId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    HeldBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_follow_up_entries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_disposition_cases_TenantId_Source_SourceReference",
                table: "disposition_cases",
                columns: new[] { "TenantId", "Source", "SourceReference" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_disposition_case_steps_TenantId_CaseId",
                table: "disposition_case_steps",
                columns: new[] { "TenantId", "CaseId" });

            migrationBuilder.CreateIndex(
                name: "IX_follow_up_entries_TenantId_CaseId_Kind",
                table: "follow_up_entries",
                columns: new[] { "TenantId", "CaseId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "disposition_case_steps");

            migrationBuilder.DropTable(
                name: "follow_up_entries");

            migrationBuilder.DropIndex(
                name: "IX_disposition_cases_TenantId_Source_SourceReference",
                table: "disposition_cases");

            migrationBuilder.DropColumn(
                name: "FiredTriggers",
                table: "trigger_evaluations");

            migrationBuilder.DropColumn(
                name: "PartyConductFailuresRunning",
                table: "trigger_evaluations");

            migrationBuilder.DropColumn(
                name: "RatedUnsatisfactoryInReview",
                table: "trigger_evaluations");

            migrationBuilder.DropColumn(
                name: "SpecialAssessmentBottomTimesRunning",
                table: "trigger_evaluations");

            migrationBuilder.DropColumn(
                name: "Measure",
                table: "disposition_cases");

            migrationBuilder.DropColumn(
                name: "ReinstatedAt",
                table: "disposition_cases");

            migrationBuilder.DropColumn(
                name: "SourceReference",
                table: "disposition_cases");

            migrationBuilder.AlterColumn<string>(
                name: "Reason",
                table: "trigger_evaluations",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ProposedMeasure",
                table: "disposition_cases",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.AlterColumn<string>(
                name: "Grounds",
                table: "disposition_cases",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(2000)",
                oldMaxLength: 2000);
        }
    }
}
