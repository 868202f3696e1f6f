#include "PhoneNumber.h"

#include <QCoreApplication>
#include <QRegularExpression>

#include <phonenumbers/phonenumberutil.h>

#include <set>
#include <string>

namespace pn = i18n::phonenumbers;

namespace PhoneNumber {

namespace {

pn::PhoneNumberUtil &util()
{
    return *pn::PhoneNumberUtil::GetInstance();
}

std::string toStd(const QString &text)
{
    return text.toStdString();
}

QString fromStd(const std::string &text)
{
    return QString::fromStdString(text);
}

/// E.164 as stored: "+", a country code that cannot start with 0, at most 15 digits.
bool looksLikeE164(const QString &text)
{
    static const QRegularExpression pattern(QStringLiteral("^\\+[1-9][0-9]{1,14}$"));
    return pattern.match(text).hasMatch();
}

Error invalid(const QString &message)
{
    return Error(Error::Kind::Invalid, message);
}

Error parseError(pn::PhoneNumberUtil::ErrorType error, const QString &typed)
{
    switch (error) {
    case pn::PhoneNumberUtil::INVALID_COUNTRY_CODE_ERROR:
        return invalid(QCoreApplication::translate(
                           "PhoneNumber",
                           "“%1” has no country code that exists: start with + and the country code, "
                           "such as +1 or +44.")
                           .arg(typed));
    case pn::PhoneNumberUtil::TOO_SHORT_AFTER_IDD:
    case pn::PhoneNumberUtil::TOO_SHORT_NSN:
        return invalid(
            QCoreApplication::translate("PhoneNumber", "“%1” is too short to be a phone number.").arg(typed));
    case pn::PhoneNumberUtil::TOO_LONG_NSN:
        return invalid(
            QCoreApplication::translate("PhoneNumber", "“%1” is too long to be a phone number.").arg(typed));
    case pn::PhoneNumberUtil::NOT_A_NUMBER:
    case pn::PhoneNumberUtil::NO_PARSING_ERROR:
        break;
    }
    return invalid(QCoreApplication::translate("PhoneNumber", "“%1” is not a phone number.").arg(typed));
}

Error lengthError(pn::PhoneNumberUtil::ValidationResult result, const QString &typed, int callingCode)
{
    switch (result) {
    case pn::PhoneNumberUtil::IS_POSSIBLE_LOCAL_ONLY:
        return invalid(
            QCoreApplication::translate("PhoneNumber", "“%1” is a local number: add its area code.")
                .arg(typed));
    case pn::PhoneNumberUtil::INVALID_COUNTRY_CODE:
        return invalid(QCoreApplication::translate(
                           "PhoneNumber",
                           "“%1” has no country code that exists: start with + and the country code, "
                           "such as +1 or +44.")
                           .arg(typed));
    case pn::PhoneNumberUtil::TOO_SHORT:
        return invalid(QCoreApplication::translate(
                           "PhoneNumber", "“%1” is too short for a phone number with country code +%2.")
                           .arg(typed)
                           .arg(callingCode));
    case pn::PhoneNumberUtil::TOO_LONG:
        return invalid(QCoreApplication::translate(
                           "PhoneNumber", "“%1” is too long for a phone number with country code +%2.")
                           .arg(typed)
                           .arg(callingCode));
    case pn::PhoneNumberUtil::INVALID_LENGTH:
    case pn::PhoneNumberUtil::IS_POSSIBLE:
        break;
    }
    return invalid(
        QCoreApplication::translate("PhoneNumber",
                                    "“%1” does not have the length of a phone number with country code +%2.")
            .arg(typed)
            .arg(callingCode));
}

} // namespace

Result<QString> toE164(const QString &text, const QString &defaultRegion)
{
    const QString typed = text.trimmed();
    if (typed.isEmpty())
        return invalid(QCoreApplication::translate("PhoneNumber", "Enter a phone number."));

    pn::PhoneNumber number;
    // An unknown or empty region makes libphonenumber require a leading "+".
    const std::string region = defaultRegion.isEmpty() ? std::string("ZZ") : toStd(defaultRegion.toUpper());
    const pn::PhoneNumberUtil::ErrorType parsed = util().Parse(toStd(typed), region, &number);
    if (parsed != pn::PhoneNumberUtil::NO_PARSING_ERROR)
        return parseError(parsed, typed);
    if (!number.extension().empty())
        return invalid(
            QCoreApplication::translate("PhoneNumber",
                                        "“%1” has an extension (%2): E.164 numbers have none, so remove it.")
                .arg(typed, fromStd(number.extension())));

    const pn::PhoneNumberUtil::ValidationResult possible = util().IsPossibleNumberWithReason(number);
    if (possible != pn::PhoneNumberUtil::IS_POSSIBLE)
        return lengthError(possible, typed, number.country_code());

    std::string e164;
    util().Format(number, pn::PhoneNumberUtil::E164, &e164);
    return fromStd(e164);
}

bool isPossible(const QString &e164)
{
    if (!looksLikeE164(e164))
        return false;
    pn::PhoneNumber number;
    if (util().Parse(toStd(e164), "ZZ", &number) != pn::PhoneNumberUtil::NO_PARSING_ERROR)
        return false;
    return util().IsPossibleNumberWithReason(number) == pn::PhoneNumberUtil::IS_POSSIBLE;
}

QList<Region> regions()
{
    std::set<std::string> codes; // std::set keeps them sorted
    util().GetSupportedRegions(&codes);
    QList<Region> list;
    list.reserve(int(codes.size()));
    for (const std::string &code : codes)
        list.append({fromStd(code), util().GetCountryCodeForRegion(code)});
    return list;
}

QString regionOf(const QString &e164)
{
    if (!looksLikeE164(e164))
        return {};
    pn::PhoneNumber number;
    if (util().Parse(toStd(e164), "ZZ", &number) != pn::PhoneNumberUtil::NO_PARSING_ERROR)
        return {};
    std::string region;
    util().GetRegionCodeForNumber(number, &region);
    if (region == "ZZ")
        util().GetRegionCodeForCountryCode(number.country_code(), &region);
    // "ZZ" is unknown and "001" a non-geographic entity (such as +800): neither is a region.
    if (region == "ZZ" || region == "001")
        return {};
    return fromStd(region);
}

int callingCodeOf(const QString &regionCode)
{
    return util().GetCountryCodeForRegion(toStd(regionCode.toUpper()));
}

QString masked(const QString &e164)
{
    if (e164.contains(QLatin1Char('*')))
        return e164;
    QString digits = e164;
    digits.remove(QLatin1Char('+'));
    if (digits.size() < 6)
        return QString(digits.size() + 1, QLatin1Char('*'));
    const int calling = callingCodeOf(regionOf(e164));
    int keep = calling > 0 ? QString::number(calling).size() : 1;
    keep = qMin(keep, digits.size() - 5);
    return QLatin1Char('+') + digits.left(keep) + QString(digits.size() - keep - 4, QLatin1Char('*'))
        + digits.right(4);
}

} // namespace PhoneNumber
