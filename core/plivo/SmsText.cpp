#include "SmsText.h"

#include <QCoreApplication>
#include <QTextBoundaryFinder>

namespace {

// GSM 03.38 basic table, in code order (0x00-0x7F); 0x1B (the escape to the extension table) is left out.
const char16_t kBasic[] = u"@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
                          u"¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
// GSM 03.38 extension table: each is sent as escape + character (two septets).
const char16_t kExtension[] = u"\f^{}\\[~]|€";

QString tr(const char *text)
{
    return QCoreApplication::translate("SmsText", text);
}

/// Splits @p unitsPerChar (the septets or code units of each character) into segments of @p size,
/// never splitting a character; one segment when everything fits in @p single.
int countSegments(const QList<int> &unitsPerChar, int total, int single, int size)
{
    if (total == 0)
        return 0;
    if (total <= single)
        return 1;
    int segments = 1;
    int used = 0;
    for (int units : unitsPerChar) {
        if (used + units > size) {
            ++segments;
            used = 0;
        }
        used += units;
    }
    return segments;
}

int graphemes(const QString &text)
{
    QTextBoundaryFinder finder(QTextBoundaryFinder::Grapheme, text);
    int count = 0;
    while (finder.toNextBoundary() > 0)
        ++count;
    return count;
}

} // namespace

namespace SmsText {

bool isGsm7Basic(QChar c)
{
    for (char16_t basic : kBasic) {
        if (basic != 0 && c.unicode() == basic)
            return true;
    }
    return false;
}

bool isGsm7Extension(QChar c)
{
    for (char16_t extension : kExtension) {
        if (extension != 0 && c.unicode() == extension)
            return true;
    }
    return false;
}

Info analyse(const QString &text)
{
    Info info;
    QList<int> septets;
    septets.reserve(text.size());
    bool gsm = true;
    for (const QChar c : text) {
        if (isGsm7Basic(c)) {
            septets.append(1);
        } else if (isGsm7Extension(c)) {
            septets.append(2);
        } else {
            gsm = false;
            break;
        }
    }

    info.characters = graphemes(text);
    if (gsm) {
        info.encoding = Encoding::Gsm7;
        for (int units : septets)
            info.units += units;
        info.segments = countSegments(septets, info.units, 160, 153);
        info.maxCharacters = MaxGsm7Characters;
        return info;
    }

    // UCS-2 (really UTF-16): a surrogate pair is two code units that stay in one segment.
    QList<int> codeUnits;
    codeUnits.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const bool pair
            = text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate();
        codeUnits.append(pair ? 2 : 1);
        if (pair)
            ++i;
    }
    info.encoding = Encoding::Ucs2;
    info.units = int(text.size());
    info.segments = countSegments(codeUnits, info.units, 70, 67);
    info.maxCharacters = MaxUcs2Characters;
    return info;
}

std::optional<QString> check(const QString &text)
{
    if (text.trimmed().isEmpty())
        return tr("The message is empty.");
    const Info info = analyse(text);
    if (info.encoding == Encoding::Gsm7 && info.characters > MaxGsm7Characters)
        return tr("The message has %1 characters; Plivo sends at most %2 GSM-7 characters.")
            .arg(info.characters)
            .arg(MaxGsm7Characters);
    if (info.encoding == Encoding::Ucs2 && info.units > MaxUcs2Characters)
        return tr("The message has %1 UCS-2 characters (emoji count as 2); Plivo sends at most %2. "
                  "Characters outside the GSM-7 alphabet make the whole message UCS-2.")
            .arg(info.units)
            .arg(MaxUcs2Characters);
    return std::nullopt;
}

QString encodingName(Encoding encoding)
{
    return encoding == Encoding::Gsm7 ? QStringLiteral("GSM-7") : QStringLiteral("UCS-2");
}

} // namespace SmsText
