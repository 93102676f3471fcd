using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.VillagePay.Data.Migrations
{
    /// <inheritdoc />
    public partial class AnnualEvaluation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "AnnualScore",
                table: "yearly_grades",
                type: "numeric",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "QuarterlyAverage",
                table: "yearly_grades",
                type: "numeric",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AnnualScore",
                table: "yearly_grades");

            migrationBuilder.DropColumn(
                name: "QuarterlyAverage",
                table: "yearly_grades");
        }
    }
}
