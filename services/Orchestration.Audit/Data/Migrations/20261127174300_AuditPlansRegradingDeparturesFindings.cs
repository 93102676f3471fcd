using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Audit.Data.Migrations
{
    /// <inheritdoc />
    public partial class AuditPlansRegradingDeparturesFindings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BaseTier",
                table: "audit_units",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "FullyGradedYear",
                table: "audit_units",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "LastAuditedYear",
                table: "audit_units",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LeaderCadreId",
                table: "audit_units",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LeaderTenureStart",
                table: "audit_units",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TierSinceYear",
                table: "audit_units",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            // Units graded before A3 keep their tier as the A1 tier; their windows and five-year cycle start in the year they were graded.
            migrationBuilder.Sql("""
                UPDATE audit_units SET "BaseTier" = "Tier",
                    "TierSinceYear" = CAST(EXTRACT(YEAR FROM "GradedAt") AS integer),
                    "FullyGradedYear" = CAST(EXTRACT(YEAR FROM "GradedAt") AS integer);
                """);

            migrationBuilder.CreateTable(
                name: "audit_plans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    DrawnUpBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DrawnUpAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_plans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    CadreId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Rating = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Findings = table.Column<List<string>>(type: "text[]", nullable: false),
                    DepartureAuditId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "commendations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CadreId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    AuditId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Grounds = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_commendations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "departure_audits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    CadreId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    PowersFrozen = table.Column<bool>(type: "boolean", nullable: false),
                    HandoverDeadline = table.Column<DateOnly>(type: "date", nullable: false),
                    AuditId = table.Column<Guid>(type: "uuid", nullable: true),
                    Passed = table.Column<bool>(type: "boolean", nullable: true),
                    RequestedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClearedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_departure_audits", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "special_funds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Project = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(18,2)", precision: 18, scale: 2, nullable: false),
                    Treatment = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RecordedYear = table.Column<int>(type: "integer", nullable: false),
                    AuditFromYear = table.Column<int>(type: "integer", nullable: true),
                    AuditDueYear = table.Column<int>(type: "integer", nullable: true),
                    CompletedYear = table.Column<int>(type: "integer", nullable: true),
                    Closed = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_special_funds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "audit_plan_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PlanId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Tier = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Explanation = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_plan_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_audit_plan_entries_audit_plans_PlanId",
                        column: x => x.PlanId,
                        principalTable: "audit_plans",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_audit_plan_entries_PlanId",
                table: "audit_plan_entries",
                column: "PlanId");

            migrationBuilder.CreateIndex(
                name: "IX_audit_plans_TenantId_Year",
                table: "audit_plans",
                columns: new[] { "TenantId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audits_TenantId_CadreId",
                table: "audits",
                columns: new[] { "TenantId", "CadreId" });

            migrationBuilder.CreateIndex(
                name: "IX_audits_TenantId_UnitId_Year",
                table: "audits",
                columns: new[] { "TenantId", "UnitId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_commendations_TenantId_CadreId",
                table: "commendations",
                columns: new[] { "TenantId", "CadreId" });

            migrationBuilder.CreateIndex(
                name: "IX_departure_audits_TenantId_CadreId",
                table: "departure_audits",
                columns: new[] { "TenantId", "CadreId" });

            migrationBuilder.CreateIndex(
                name: "IX_departure_audits_TenantId_UnitId_Status",
                table: "departure_audits",
                columns: new[] { "TenantId", "UnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_special_funds_TenantId_UnitId",
                table: "special_funds",
                columns: new[] { "TenantId", "UnitId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_plan_entries");

            migrationBuilder.DropTable(
                name: "audits");

            migrationBuilder.DropTable(
                name: "commendations");

            migrationBuilder.DropTable(
                name: "departure_audits");

            migrationBuilder.DropTable(
                name: "special_funds");

            migrationBuilder.DropTable(
                name: "audit_plans");

            migrationBuilder.DropColumn(
                name: "BaseTier",
                table: "audit_units");

            migrationBuilder.DropColumn(
                name: "FullyGradedYear",
                table: "audit_units");

            migrationBuilder.DropColumn(
                name: "LastAuditedYear",
                table: "audit_units");

            migrationBuilder.DropColumn(
                name: "LeaderCadreId",
                table: "audit_units");

            migrationBuilder.DropColumn(
                name: "LeaderTenureStart",
                table: "audit_units");

            migrationBuilder.DropColumn(
                name: "TierSinceYear",
                table: "audit_units");
        }
    }
}
