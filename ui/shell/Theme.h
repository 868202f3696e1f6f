#pragma once

#include <QColor>
#include <QHash>
#include <QIcon>
#include <QObject>
#include <QString>

class QApplication;

/**
 * @brief Authdeck's light and dark looks: a palette, a style sheet and icons tinted to match.
 */
class Theme : public QObject
{
    Q_OBJECT

public:
    enum class Mode
    {
        System,
        Light,
        Dark
    };
    Q_ENUM(Mode)

    /// The one theme of the application.
    static Theme &instance();

    Mode mode() const { return m_mode; }
    /// Whether the dark look is in use (for System, what the desktop prefers).
    bool isDark() const { return m_dark; }

    /// Applies @p mode to the whole application and emits changed().
    void apply(Mode mode);

    /// A named colour of the current look (text, muted, accent, danger, success, ...).
    QColor color(const QString &token) const;

    /// The icon @p name (resources/icons/NAME.svg) drawn in the colour @p token.
    QIcon icon(const QString &name, const QString &token = QStringLiteral("muted")) const;

    static QString modeKey(Mode mode);
    static Mode modeFromKey(const QString &key);

Q_SIGNALS:
    void changed();

private:
    Theme() = default;
    static bool systemPrefersDark();

    Mode m_mode = Mode::System;
    bool m_dark = false;
    QHash<QString, QString> m_tokens;
    mutable QHash<QString, QIcon> m_icons;
};
