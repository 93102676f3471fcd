using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Disposition.Data.Migrations
{
    /// <inheritdoc />
    public partial class MeasuresShortPathsAndDecisionDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "DecidedOn",
                table: "disposition_cases",
                type: "date",
                nullable: true);

            // Cases decided before the date was kept: the county day (China Standard Time) their decision step was recorded.
            migrationBuilder.Sql(@"UPDATE disposition_cases c SET ""DecidedOn"" = (s.""RecordedAt"" AT TIME ZONE 'Asia/Shanghai')::date
                FROM disposition_case_steps s WHERE s.""CaseId"" = c.""Id"" AND s.""Step"" = 'Decision';");

            migrationBuilder.CreateTable(
                name: "admonishment_talks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CadreId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    HeldBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_admonishment_talks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "suspensions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    CadreId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    LiftedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Conclusion = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_suspensions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_admonishment_talks_CaseId",
                table: "admonishment_talks",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_admonishment_talks_TenantId_CadreId",
                table: "admonishment_talks",
                columns: new[] { "TenantId", "CadreId" });

            migrationBuilder.CreateIndex(
                name: "IX_suspensions_CaseId",
                table: "suspensions",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_suspensions_TenantId_CadreId",
                table: "suspensions",
                columns: new[] { "TenantId", "CadreId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "admonishment_talks");

            migrationBuilder.DropTable(
                name: "suspensions");

            migrationBuilder.DropColumn(
                name: "DecidedOn",
                table: "disposition_cases");
        }
    }
}
