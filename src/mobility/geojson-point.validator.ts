import { wholeValueRule } from '../common/input/whole-value-rule.js';
import { geoJsonPointProblem } from './geo.js';

/** A GeoJSON Point `{type:'Point', coordinates:[lon, lat]}`, longitude first and both in range. */
export const IsGeoJsonPoint = wholeValueRule('isGeoJsonPoint', geoJsonPointProblem);
