#pragma once

#include <QLabel>

/**
 * @brief A small rounded label telling a state at a glance ("Deployed · v3"), tinted by its tone.
 */
class StatusPill : public QLabel
{
    Q_OBJECT

public:
    enum class Tone
    {
        Neutral, ///< muted text on the chip colour
        Success, ///< the success colour on its soft tint
        Warning, ///< the warning colour on its soft tint
    };
    Q_ENUM(Tone)

    explicit StatusPill(QWidget *parent = nullptr);

    /// Shows @p text in @p tone.
    void setStatus(const QString &text, Tone tone);
};
