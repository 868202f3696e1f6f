#pragma once

#include "core/common/Result.h"

#include <QList>
#include <QString>

/**
 * @brief Phone numbers the way libphonenumber sees them, behind a Qt API.
 *
 * libphonenumber (and the absl and boost headers it pulls in) stays inside PhoneNumber.cpp.
 * "Possible" is libphonenumber's length check against the numbering plan of the country code; it
 * says nothing about whether a number is assigned. So the fictional 555 numbers are possible, which
 * is what tests and sample data need (IsValidNumber refuses them).
 */
namespace PhoneNumber {

/**
 * @brief Parses what a person typed into E.164 ("+15554443232").
 *
 * Accepts the number with its country code ("+44 20 7946 0958") or without it, in which case it
 * belongs to @p defaultRegion ("(555) 444-3232" with "US"). Spaces, dashes, dots and brackets are
 * ignored.
 *
 * @return the number in E.164, or an Invalid error whose message says why it was refused: empty, not
 *         a number, an unknown country code, too short, too long, a local number missing its area
 *         code, or an extension (E.164 has none).
 */
Result<QString> toE164(const QString &text, const QString &defaultRegion = QStringLiteral("US"));

/// Whether @p e164 ("+" and digits) has a length its country's numbering plan allows for a full number.
bool isPossible(const QString &e164);

/// A region libphonenumber knows, with its country calling code.
struct Region
{
    QString code; ///< ISO 3166-1 alpha-2 code, e.g. "US"
    int callingCode = 0; ///< e.g. 1

    bool operator==(const Region &other) const
    {
        return code == other.code && callingCode == other.callingCode;
    }
};

/// Every region libphonenumber supports, sorted by code.
QList<Region> regions();

/**
 * @brief The region @p e164 belongs to ("US"), or an empty string for what is not a phone number.
 *
 * A number libphonenumber cannot place in one region (such as the fictional 555 numbers) gets the
 * main region of its country code ("+1" gives "US"); a non-geographic code (+800) gives "".
 */
QString regionOf(const QString &e164);

/// The calling code of @p regionCode ("GB" gives 44), or 0 when libphonenumber does not know it.
int callingCodeOf(const QString &regionCode);

/**
 * @brief @p e164 with its country code and last 4 digits kept: "+15554443232" gives "+1******3232".
 *
 * What Authdeck keeps of a number wherever the full one is not needed (logs, sent messages, recorded
 * flow runs). A number of fewer than 6 digits is masked whole; a masked number stays as it is.
 */
QString masked(const QString &e164);

} // namespace PhoneNumber
