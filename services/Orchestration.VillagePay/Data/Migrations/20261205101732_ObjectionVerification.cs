using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.VillagePay.Data.Migrations
{
    /// <inheritdoc />
    public partial class ObjectionVerification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ObjectionFinding",
                table: "quarterly_evaluations",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ObjectionFindings",
                table: "quarterly_evaluations",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ObjectionsVerifiedAt",
                table: "quarterly_evaluations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ObjectionsVerifiedBy",
                table: "quarterly_evaluations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ObjectionFinding",
                table: "quarterly_evaluations");

            migrationBuilder.DropColumn(
                name: "ObjectionFindings",
                table: "quarterly_evaluations");

            migrationBuilder.DropColumn(
                name: "ObjectionsVerifiedAt",
                table: "quarterly_evaluations");

            migrationBuilder.DropColumn(
                name: "ObjectionsVerifiedBy",
                table: "quarterly_evaluations");
        }
    }
}
