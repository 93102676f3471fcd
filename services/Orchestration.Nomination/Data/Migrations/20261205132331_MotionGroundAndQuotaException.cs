using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Nomination.Data.Migrations
{
    /// <inheritdoc />
    public partial class MotionGroundAndQuotaException : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OtherGroundReason",
                table: "motions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QuotaExceptionApprovedBy",
                table: "motions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QuotaExceptionReason",
                table: "motions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "QuotaExceptionReference",
                table: "motions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OtherGroundReason",
                table: "motions");

            migrationBuilder.DropColumn(
                name: "QuotaExceptionApprovedBy",
                table: "motions");

            migrationBuilder.DropColumn(
                name: "QuotaExceptionReason",
                table: "motions");

            migrationBuilder.DropColumn(
                name: "QuotaExceptionReference",
                table: "motions");
        }
    }
}
