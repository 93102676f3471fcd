using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Nomination.Data.Migrations
{
    /// <inheritdoc />
    public partial class DepartmentMeetingRanking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DepartureReason",
                table: "department_meetings",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Rank",
                table: "department_meeting_choices",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "Score",
                table: "department_meeting_choices",
                type: "numeric(7,6)",
                precision: 7,
                scale: 6,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DepartureReason",
                table: "department_meetings");

            migrationBuilder.DropColumn(
                name: "Rank",
                table: "department_meeting_choices");

            migrationBuilder.DropColumn(
                name: "Score",
                table: "department_meeting_choices");
        }
    }
}
