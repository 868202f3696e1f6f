#include "ScriptOutcome.h"

#include <array>
#include <utility>

namespace {

using Status = ScriptOutcome::Status;

const std::array<std::pair<Status, const char *>, 10> kNames = {{
    {Status::Succeeded, "succeeded"},
    {Status::Threw, "threw"},
    {Status::TimedOut, "timedOut"},
    {Status::OutOfMemory, "outOfMemory"},
    {Status::WorkerCrashed, "workerCrashed"},
    {Status::NodeMissing, "nodeMissing"},
    {Status::SyntaxError, "syntaxError"},
    {Status::Cancelled, "cancelled"},
    {Status::BadReply, "badReply"},
    {Status::Refused, "refused"},
}};

} // namespace

QString ScriptOutcome::statusName(Status status)
{
    for (const auto &[value, name] : kNames) {
        if (value == status)
            return QLatin1String(name);
    }
    return {};
}

bool ScriptOutcome::statusFromName(const QString &name, Status *status)
{
    for (const auto &[value, text] : kNames) {
        if (name == QLatin1String(text)) {
            *status = value;
            return true;
        }
    }
    return false;
}

ScriptOutcome ScriptOutcome::failure(Status status, const QString &error)
{
    ScriptOutcome outcome;
    outcome.status = status;
    outcome.error = error;
    return outcome;
}
