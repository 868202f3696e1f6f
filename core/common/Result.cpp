#include "Result.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcResult, "authdeck.result")

void ResultDetail::noteDiscarded(const Error &error, const char *why)
{
    qCWarning(lcResult).noquote() << "dropped a failure (" << why << "):" << error.message();
}
