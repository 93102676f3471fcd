using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Nomination.Data.Migrations
{
    /// <inheritdoc />
    public partial class VerifiedReportDisqualifier : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ux_disqualifiers_verified_report",
                table: "disqualifiers",
                columns: new[] { "TenantId", "Source" },
                unique: true,
                filter: "\"Source\" LIKE 'verified-report:%'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ux_disqualifiers_verified_report",
                table: "disqualifiers");
        }
    }
}
