package dev.bearerguard.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which buyer's data a token may see (the contract, {@code docs/contract.md} §1.6: reads of an
 * embed token are limited to its pinned buyer). Ask {@link VerifiedToken#buyerAccess()}; then
 * filter a list with {@link #allows} or guard a single read with {@link #require}.
 *
 * <ul>
 *   <li>A token that pins a buyer ({@code embed.buyer_id} and/or {@code
 *       embed.buyer_external_identifier}) sees that buyer only: a record is that buyer when every
 *       pinned field equals the record's (compared exactly).</li>
 *   <li>A token with the {@code embed} scope that pins no buyer sees no buyer's data: it lives in
 *       a browser and names nobody.</li>
 *   <li>Any other token is {@linkplain #isUnrestricted() unrestricted} here: its scopes decide.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 */
public final class BuyerAccess {

    /** Unrestricted: the token's scopes decide. */
    public static final BuyerAccess UNRESTRICTED = new BuyerAccess(true, null, null);
    /** No buyer's data at all. */
    public static final BuyerAccess NO_BUYER = new BuyerAccess(false, null, null);

    private final boolean unrestricted;
    private final String buyerId;
    private final String externalIdentifier;

    private BuyerAccess(boolean unrestricted, String buyerId, String externalIdentifier) {
        this.unrestricted = unrestricted;
        this.buyerId = buyerId;
        this.externalIdentifier = externalIdentifier;
    }

    /**
     * Access to one buyer, named by id, external identifier or both.
     *
     * @throws IllegalArgumentException if both are null
     */
    public static BuyerAccess only(String buyerId, String externalIdentifier) {
        if (buyerId == null && externalIdentifier == null) {
            throw new IllegalArgumentException("name the buyer by id or external identifier");
        }
        return new BuyerAccess(false, buyerId, externalIdentifier);
    }

    static BuyerAccess of(VerifiedToken token) {
        Optional<EmbedPins> pins = token.embed();
        if (pins.isPresent() && pins.get().pinsBuyer()) {
            return only(pins.get().buyerId().orElse(null), pins.get().buyerExternalIdentifier().orElse(null));
        }
        return token.scopes().isEmbed() ? NO_BUYER : UNRESTRICTED;
    }

    /** Whether every buyer's data may be seen (as far as this rule goes; scopes still apply). */
    public boolean isUnrestricted() {
        return unrestricted;
    }

    /** The only buyer's id, when the token pins it. */
    public Optional<String> buyerId() {
        return Optional.ofNullable(buyerId);
    }

    /** The only buyer's external identifier, when the token pins it. */
    public Optional<String> externalIdentifier() {
        return Optional.ofNullable(externalIdentifier);
    }

    /**
     * Whether the data of the buyer with this id and external identifier may be seen.
     *
     * @param recordBuyerId         the record's buyer id, or null when it has none
     * @param recordExternalIdentifier the record's buyer external identifier, or null
     */
    public boolean allows(String recordBuyerId, String recordExternalIdentifier) {
        if (unrestricted) {
            return true;
        }
        if (buyerId == null && externalIdentifier == null) {
            return false;
        }
        return (buyerId == null || buyerId.equals(recordBuyerId))
                && (externalIdentifier == null || externalIdentifier.equals(recordExternalIdentifier));
    }

    /**
     * As {@link #allows}, throwing.
     *
     * @throws PinMismatchException (403 {@code pin_mismatch}, "the request is about another buyer
     *     than the token's") when the buyer's data may not be seen
     */
    public void require(String recordBuyerId, String recordExternalIdentifier) {
        if (!allows(recordBuyerId, recordExternalIdentifier)) {
            throw new PinMismatchException(new BearerError(Reason.PIN_MISMATCH,
                    "the request is about another buyer than the token's", List.of()));
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BuyerAccess b && b.unrestricted == unrestricted && Objects.equals(b.buyerId, buyerId)
                && Objects.equals(b.externalIdentifier, externalIdentifier);
    }

    @Override
    public int hashCode() {
        return Objects.hash(unrestricted, buyerId, externalIdentifier);
    }

    /** Says which kind of access, without the buyer's identifiers (they are claim values). */
    @Override
    public String toString() {
        return unrestricted ? "BuyerAccess[unrestricted]"
                : buyerId == null && externalIdentifier == null ? "BuyerAccess[no buyer]" : "BuyerAccess[one buyer]";
    }
}
