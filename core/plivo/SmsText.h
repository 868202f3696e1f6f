#pragma once

#include <QString>

#include <optional>

/**
 * @brief How Plivo encodes, splits and bills SMS text, and what it refuses.
 *
 * Text that only uses the GSM 03.38 alphabet (basic table plus extension table) goes as GSM-7: 160
 * septets in one segment, 153 per segment when split, extension characters (^ { } [ ] ~ \ | € and form
 * feed) taking two septets that are never split apart. Any other character makes the whole message
 * UCS-2: 70 UTF-16 code units in one segment, 67 per segment when split, surrogate pairs never split.
 * Plivo accepts at most 1,600 GSM-7 characters or 737 UCS-2 characters.
 */
namespace SmsText {

enum class Encoding
{
    Gsm7,
    Ucs2
};

constexpr int MaxGsm7Characters = 1600;
constexpr int MaxUcs2Characters = 737;

struct Info
{
    Encoding encoding = Encoding::Gsm7;
    int characters = 0; ///< as the user sees them (grapheme clusters)
    int units = 0; ///< septets (extension characters count 2) or UTF-16 code units
    int segments = 0; ///< the SMS parts Plivo bills; 0 for empty text
    int maxCharacters = MaxGsm7Characters; ///< 1600 for GSM-7 or 737 for UCS-2
};

Info analyse(const QString &text);

/// Why @p text cannot be sent (empty, over 1,600 GSM-7 / 737 UCS-2 characters), or nothing.
/// For UCS-2 the limit counts UTF-16 code units, so an emoji counts as 2.
std::optional<QString> check(const QString &text);

/// "GSM-7" or "UCS-2".
QString encodingName(Encoding encoding);

/// True when @p c is in the GSM 03.38 basic table.
bool isGsm7Basic(QChar c);
/// True when @p c is in the GSM 03.38 extension table (sent as escape + character).
bool isGsm7Extension(QChar c);

} // namespace SmsText
