using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Disposition.Data.Migrations
{
    /// <inheritdoc />
    public partial class PerformanceReviewLast : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "LastInPerformanceReview",
                table: "trigger_evaluations",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LastInPerformanceReview",
                table: "trigger_evaluations");
        }
    }
}
