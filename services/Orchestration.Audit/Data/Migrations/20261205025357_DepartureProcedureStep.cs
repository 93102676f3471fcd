using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Audit.Data.Migrations
{
    /// <inheritdoc />
    public partial class DepartureProcedureStep : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProcedureStep",
                table: "departure_audits",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ProcedureStep",
                table: "departure_audits");
        }
    }
}
