using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Nomination.Data.Migrations
{
    /// <inheritdoc />
    public partial class DepartmentMeetingsAndLiftedCoolOff : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "LiftReason",
                table: "nomination_failures",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LiftedAt",
                table: "nomination_failures",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LiftedBy",
                table: "nomination_failures",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LiftedByReconsideration",
                table: "nomination_failures",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "department_meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Post = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Attendees = table.Column<List<string>>(type: "text[]", nullable: false),
                    Candidates = table.Column<string>(type: "text", nullable: false, defaultValueSql: "'[]'"),
                    DepartureReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_department_meetings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_department_meetings_TenantId_HeldOn",
                table: "department_meetings",
                columns: new[] { "TenantId", "HeldOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "department_meetings");

            migrationBuilder.DropColumn(
                name: "LiftReason",
                table: "nomination_failures");

            migrationBuilder.DropColumn(
                name: "LiftedAt",
                table: "nomination_failures");

            migrationBuilder.DropColumn(
                name: "LiftedBy",
                table: "nomination_failures");

            migrationBuilder.DropColumn(
                name: "LiftedByReconsideration",
                table: "nomination_failures");
        }
    }
}
