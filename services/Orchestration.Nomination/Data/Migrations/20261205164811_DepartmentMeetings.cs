using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Nomination.Data.Migrations
{
    /// <inheritdoc />
    public partial class DepartmentMeetings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "department_meetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    HeldOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Attendees = table.Column<string>(type: "text", nullable: false, defaultValueSql: "'[]'"),
                    MinutesReference = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_department_meetings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "department_meeting_choices",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    CadreId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    Chosen = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_department_meeting_choices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_department_meeting_choices_department_meetings_MeetingId",
                        column: x => x.MeetingId,
                        principalTable: "department_meetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_department_meeting_choices_CadreId_ProcedureId",
                table: "department_meeting_choices",
                columns: new[] { "CadreId", "ProcedureId" });

            migrationBuilder.CreateIndex(
                name: "IX_department_meeting_choices_MeetingId",
                table: "department_meeting_choices",
                column: "MeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_department_meetings_TenantId_HeldOn",
                table: "department_meetings",
                columns: new[] { "TenantId", "HeldOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "department_meeting_choices");

            migrationBuilder.DropTable(
                name: "department_meetings");
        }
    }
}
