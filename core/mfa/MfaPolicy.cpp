#include "MfaPolicy.h"

#include <QCoreApplication>

namespace {

const QString kAllApplications = QStringLiteral("all-applications");

} // namespace

namespace MfaPolicies {

QJsonArray toApi(MfaPolicy policy)
{
    return policy == MfaPolicy::Always ? QJsonArray {kAllApplications} : QJsonArray {};
}

std::optional<MfaPolicy> fromApi(const QJsonArray &policies)
{
    if (policies.isEmpty())
        return MfaPolicy::Never;
    if (policies.size() == 1 && policies.at(0).toString() == kAllApplications)
        return MfaPolicy::Always;
    return std::nullopt;
}

QString label(MfaPolicy policy)
{
    return policy == MfaPolicy::Always ? QCoreApplication::translate("MfaPolicies", "Always")
                                       : QCoreApplication::translate("MfaPolicies", "Never");
}

} // namespace MfaPolicies
