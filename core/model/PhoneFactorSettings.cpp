#include "PhoneFactorSettings.h"

bool PhoneFactorSettings::operator==(const PhoneFactorSettings &other) const
{
    return enabled == other.enabled && provider == other.provider && messageTypes == other.messageTypes
        && enrollmentTemplate == other.enrollmentTemplate
        && verificationTemplate == other.verificationTemplate;
}
