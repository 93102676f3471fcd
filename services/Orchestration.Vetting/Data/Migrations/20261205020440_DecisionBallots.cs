using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Vetting.Data.Migrations
{
    /// <inheritdoc />
    public partial class DecisionBallots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Ballots",
                table: "decision_meetings",
                type: "jsonb",
                nullable: true);

            // Meetings recorded before ballots were kept say who voted, not how: their ballots are none, not unknown.
            migrationBuilder.Sql("UPDATE decision_meetings SET \"Ballots\" = '[]'::jsonb WHERE \"Ballots\" IS NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Ballots",
                table: "decision_meetings");
        }
    }
}
